import { currentGeneration } from './worker-session';

/**
 * "Latest request wins" for one kind of request (a run, a comparison, an apply, ...): beginning a request
 * aborts the one before it, and an answer is written to the store only while its request is still the
 * latest one (`isLatest`), or also still asked of the same worker generation (`isCurrent`).
 */
export class LatestRequest {
  private latest: RequestTurn | null = null;

  /** Aborts the request in flight, if any, and starts a new one, which becomes the latest. */
  begin(): RequestTurn {
    this.latest?.abort();
    const turn = new RequestTurn(this);
    this.latest = turn;
    return turn;
  }

  /** Aborts the latest request. It stays the latest, so its own error handler reports the cancellation. */
  stop(): void {
    this.latest?.abort();
  }

  /** Aborts the latest request and forgets it: nothing it answers is written, and a new one may begin at once. */
  abandon(): void {
    const turn = this.latest;
    this.latest = null;
    turn?.abort();
  }

  /** True while the latest request has begun and not finished. */
  get active(): boolean {
    return this.latest !== null && !this.latest.finished;
  }

  isLatest(turn: RequestTurn): boolean {
    return this.latest === turn;
  }
}

/** One request of a `LatestRequest`: its abort signal and whether its answer may still be written. */
export class RequestTurn {
  private readonly controller = new AbortController();
  private readonly generation = currentGeneration();
  private done = false;

  constructor(private readonly owner: LatestRequest) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get finished(): boolean {
    return this.done;
  }

  /** No newer request of the same kind has begun (nor was this one abandoned). */
  isLatest(): boolean {
    return this.owner.isLatest(this);
  }

  /** The latest request, and the backend and model have not changed since it began. */
  isCurrent(): boolean {
    return this.isLatest() && this.generation === currentGeneration();
  }

  abort(): void {
    this.controller.abort();
  }

  /** Marks the request as no longer in flight (call it in `finally`); it stays the latest. */
  finish(): void {
    this.done = true;
  }
}
