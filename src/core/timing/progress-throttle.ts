/**
 * Thins out per-batch progress reports: a long run of small batches (a steady comparison of the tiny
 * model makes thousands a second) would otherwise flood the page with messages and re-renders, and a
 * click on Stop could wait behind them until the run had ended. A report passes when the last one passed
 * at least `intervalMs` ago, and always when it ends a pass (done === total), so the last state is shown.
 */
export class ProgressThrottle {
  private lastPassed = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  pass(done: number, total: number): boolean {
    const t = this.now();
    if (done < total && t - this.lastPassed < this.intervalMs) return false;
    this.lastPassed = t;
    return true;
  }
}
