import { describe, expect, it } from 'vitest';
import { LatestRequest } from './latest-request';
import { nextGeneration } from './worker-session';

describe('LatestRequest', () => {
  it('aborts the request before when a new one begins, and only the new one is the latest', () => {
    const runs = new LatestRequest();
    const first = runs.begin();
    const second = runs.begin();
    expect(first.signal.aborted).toBe(true);
    expect(first.isLatest()).toBe(false);
    expect(second.signal.aborted).toBe(false);
    expect(second.isLatest()).toBe(true);
  });

  it('stop aborts the latest but keeps it the latest, so it can report its own cancellation', () => {
    const runs = new LatestRequest();
    const run = runs.begin();
    runs.stop();
    expect(run.signal.aborted).toBe(true);
    expect(run.isLatest()).toBe(true);
  });

  it('abandon aborts and forgets the latest, so a new request may begin while it winds down', () => {
    const loops = new LatestRequest();
    const loop = loops.begin();
    expect(loops.active).toBe(true);
    loops.abandon();
    expect(loop.signal.aborted).toBe(true);
    expect(loop.isLatest()).toBe(false);
    expect(loops.active).toBe(false);
  });

  it('a finished request is no longer active but stays the latest', () => {
    const runs = new LatestRequest();
    const run = runs.begin();
    run.finish();
    expect(runs.active).toBe(false);
    expect(run.isLatest()).toBe(true);
    expect(run.isCurrent()).toBe(true);
  });

  it('is no longer current once the worker generation changes (a backend or model change)', () => {
    const runs = new LatestRequest();
    const run = runs.begin();
    nextGeneration();
    expect(run.isLatest()).toBe(true);
    expect(run.isCurrent()).toBe(false);
    expect(runs.begin().isCurrent()).toBe(true);
  });
});
