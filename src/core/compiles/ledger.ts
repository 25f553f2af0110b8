/**
 * Bookkeeping for GPU compiles (issue 16): every compute pipeline and shader module the WebGPU device
 * creates is recorded against what was running at that moment (mode, batch shape, and whether it was
 * warm-up or traffic). The worker wraps the device and calls `record`; everything here is plain data so
 * that it can be tested in Node and sent to the page.
 */

/** What a GPUDevice call created: `createComputePipeline(Async)` or `createShaderModule`. */
export type CompileKind = 'pipeline' | 'shaderModule';

/** Warm-up: before traffic arrives, when a compile costs nobody a wait. Traffic: while items are served. */
export type CompilePhase = 'warmup' | 'traffic';

/** Compiles split by phase; each count is pipelines plus shader modules created. */
export interface CompileSplit {
  warmup: number;
  traffic: number;
}

export interface CompileCounts {
  pipelines: number;
  shaderModules: number;
}

/** Where creations are attributed while it is set; `shape` is "rows x length" of the batch being run. */
export interface CompileScope {
  mode: string;
  shape: string;
}

const UNATTRIBUTED = '(outside any run)';

interface Tally extends CompileCounts {
  mode: string;
  shape: string;
  phase: CompilePhase;
}

export class CompileLedger {
  private phase: CompilePhase = 'traffic';
  private scope: CompileScope | null = null;
  private readonly tallies = new Map<string, Tally>();
  private created = 0;

  /** Sets the phase that later creations count under (the worker says when warm-up starts and ends). */
  setPhase(phase: CompilePhase): void {
    this.phase = phase;
  }

  getPhase(): CompilePhase {
    return this.phase;
  }

  /** Attributes later creations to this mode and shape; `null` when no batch is running. */
  setScope(scope: CompileScope | null): void {
    this.scope = scope;
  }

  record(kind: CompileKind): void {
    const mode = this.scope?.mode ?? UNATTRIBUTED;
    const shape = this.scope?.shape ?? UNATTRIBUTED;
    const key = `${mode}|${shape}|${this.phase}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { mode, shape, phase: this.phase, pipelines: 0, shaderModules: 0 };
      this.tallies.set(key, tally);
    }
    if (kind === 'pipeline') tally.pipelines += 1;
    else tally.shaderModules += 1;
    this.created += 1;
  }

  /**
   * Creations so far (pipelines plus shader modules), never reset: the difference of two readings is
   * what was compiled in between, which is how a run counts compiles per batch.
   */
  total(): number {
    return this.created;
  }

  /** Pipelines and shader modules created in the given mode (all modes when omitted), by phase. */
  split(mode?: string): CompileSplit {
    const out: CompileSplit = { warmup: 0, traffic: 0 };
    for (const t of this.tallies.values()) {
      if (mode !== undefined && t.mode !== mode) continue;
      out[t.phase] += t.pipelines + t.shaderModules;
    }
    return out;
  }

  /** Pipelines and shader modules separately, e.g. for "compiled N pipelines" after a warm-up. */
  counts(filter: { mode?: string; phase?: CompilePhase } = {}): CompileCounts {
    const out: CompileCounts = { pipelines: 0, shaderModules: 0 };
    for (const t of this.tallies.values()) {
      if (filter.mode !== undefined && t.mode !== filter.mode) continue;
      if (filter.phase !== undefined && t.phase !== filter.phase) continue;
      out.pipelines += t.pipelines;
      out.shaderModules += t.shaderModules;
    }
    return out;
  }

  /** Per shape of one mode, creations split by phase; shapes that compiled nothing are absent. */
  byShape(mode: string): Record<string, CompileSplit> {
    const out: Record<string, CompileSplit> = {};
    for (const t of this.tallies.values()) {
      if (t.mode !== mode) continue;
      const entry = (out[t.shape] ??= { warmup: 0, traffic: 0 });
      entry[t.phase] += t.pipelines + t.shaderModules;
    }
    return out;
  }

  /** Forgets the per-mode tallies (a new benchmark starts); `total()` keeps counting. */
  clearTallies(): void {
    this.tallies.clear();
  }
}

/** The difference of two compile splits (after minus before), e.g. one mode's share of a run. */
export function compileDelta(after: CompileSplit, before: CompileSplit): CompileSplit {
  return { warmup: after.warmup - before.warmup, traffic: after.traffic - before.traffic };
}
