import { describe, expect, it } from 'vitest';
import { CompileLedger, compileDelta } from './ledger';

describe('CompileLedger', () => {
  it('attributes creations to the mode, shape and phase in force when they happen', () => {
    const ledger = new CompileLedger();
    ledger.setPhase('warmup');
    ledger.setScope({ mode: 'bucketed', shape: '1x16' });
    ledger.record('shaderModule');
    ledger.record('pipeline');
    ledger.setScope({ mode: 'bucketed', shape: '1x32' });
    ledger.record('pipeline');
    ledger.setPhase('traffic');
    ledger.setScope({ mode: 'dynamic', shape: '1x7' });
    ledger.record('shaderModule');
    ledger.record('pipeline');
    ledger.record('pipeline');

    expect(ledger.split('bucketed')).toEqual({ warmup: 3, traffic: 0 });
    expect(ledger.split('dynamic')).toEqual({ warmup: 0, traffic: 3 });
    expect(ledger.split()).toEqual({ warmup: 3, traffic: 3 });
    expect(ledger.counts({ mode: 'dynamic' })).toEqual({ pipelines: 2, shaderModules: 1 });
    expect(ledger.counts({ phase: 'warmup' })).toEqual({ pipelines: 2, shaderModules: 1 });
    expect(ledger.byShape('bucketed')).toEqual({
      '1x16': { warmup: 2, traffic: 0 },
      '1x32': { warmup: 1, traffic: 0 },
    });
    expect(ledger.total()).toBe(6);
  });

  it('keeps creations outside any run apart from every mode', () => {
    const ledger = new CompileLedger();
    ledger.record('pipeline');
    ledger.setScope({ mode: 'pad-to-max', shape: '8x64' });
    ledger.setScope(null);
    ledger.record('pipeline');
    expect(ledger.split('pad-to-max')).toEqual({ warmup: 0, traffic: 0 });
    expect(ledger.split()).toEqual({ warmup: 0, traffic: 2 });
  });

  it('clears tallies for a new benchmark but keeps the running total for before/after readings', () => {
    const ledger = new CompileLedger();
    ledger.setScope({ mode: 'dynamic', shape: '1x9' });
    ledger.record('pipeline');
    const before = ledger.total();
    ledger.clearTallies();
    expect(ledger.split()).toEqual({ warmup: 0, traffic: 0 });
    ledger.record('shaderModule');
    expect(ledger.total() - before).toBe(1);
  });

  it('subtracts splits phase by phase', () => {
    expect(compileDelta({ warmup: 5, traffic: 9 }, { warmup: 2, traffic: 9 })).toEqual({ warmup: 3, traffic: 0 });
  });
});
