/**
 * Where the Live stream stands with a warm-up of the handles on screen, as one state with its transitions
 * here. The stream sends chunks while the worker warms up (it serves them between its steps, see
 * stream-chunk.ts); once that warm-up is over it marks the chart and reads the outcome of the apply it
 * started itself, and a failure meanwhile is put down to the warm-up. The store (src/store/live-service.ts)
 * looks at the worker, sends the chunks and performs the effects each state asks for.
 *
 * `Apply` stands for an apply in flight (the store's promise of its outcome); nothing here looks inside it.
 */
export type LiveWarmup<Apply> =
  /** Nothing went to a warm-up: no chunk sent yet, or the last one ran on the applied sessions. */
  | { readonly kind: 'steady' }
  /**
   * The last chunk went to the worker while it warmed up the handles on screen. `picked`: a chunk of this
   * warm-up was chosen by its warm buckets (pickWarmChunk), so its end is marked on the chart. `apply`: the
   * apply the stream started for this warm-up, if it started one; its outcome is read once the warm-up is over.
   */
  | { readonly kind: 'warming'; readonly picked: boolean; readonly apply: Apply | null }
  /**
   * The warm-up the last chunk went to is over and no chunk has been sent since: the chart is marked when
   * `picked`, the stream's own `apply` (if any) is awaited before the next chunk, and a failure is still the
   * warm-up's to explain.
   */
  | { readonly kind: 'warmed'; readonly picked: boolean; readonly apply: Apply | null };

export type LiveWarmupEvent<Apply> =
  /** Before a chunk: whether the worker is warming up the handles on screen now. */
  | { readonly type: 'checked'; readonly warming: boolean }
  /**
   * A chunk is being sent: during a warm-up of the handles on screen or not, chosen by its warm buckets or
   * not, and with the apply the stream has just started for it, if it started one that warms these handles.
   */
  | { readonly type: 'sent'; readonly duringWarmup: boolean; readonly picked: boolean; readonly started: Apply | null };

/** A stream that has sent nothing yet. */
export const LIVE_STEADY: LiveWarmup<never> = Object.freeze({ kind: 'steady' });

/** The one place the stream's warm-up state changes. */
export function nextLiveWarmup<Apply>(state: LiveWarmup<Apply>, event: LiveWarmupEvent<Apply>): LiveWarmup<Apply> {
  switch (event.type) {
    case 'checked':
      // Only a warm-up the stream sent to can end; a new warm-up is entered by sending to it.
      return state.kind === 'warming' && !event.warming
        ? { kind: 'warmed', picked: state.picked, apply: state.apply }
        : state;
    case 'sent': {
      if (!event.duringWarmup) return LIVE_STEADY;
      // Still the same warm-up: what it picked and the apply the stream started for it carry on. After
      // 'warmed' a chunk sent during a warm-up goes to a new one, which starts afresh.
      const same = state.kind === 'warming' ? state : null;
      return {
        kind: 'warming',
        picked: (same?.picked ?? false) || event.picked,
        apply: event.started ?? same?.apply ?? null,
      };
    }
  }
}

/**
 * Whether a failure now is to be explained by the warm-up the last chunk went to (a chunk sent during a
 * warm-up fails when the warm-up itself fails): the warm-up's outcome is then the cause to name.
 */
export function sentDuringWarmup(state: LiveWarmup<unknown>): boolean {
  return state.kind !== 'steady';
}
