import { describe, expect, it } from 'vitest';
import { BenchError } from './errors';
import { DEFAULT_OPTIONS, effectiveDistribution, HELP_TEXT, OPTION_NAMES, parseBenchArgs, regimesOf } from './options';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof BenchError ? err.code : `not a BenchError: ${String(err)}`;
  }
  return undefined;
}

describe('parseBenchArgs', () => {
  it('returns the defaults for an empty command line', () => {
    const options = parseBenchArgs([]);
    expect(options).toEqual({ ...DEFAULT_OPTIONS, modes: [...DEFAULT_OPTIONS.modes] });
    expect(options.modes).toEqual(['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic']);
    expect(options.items).toBe(512);
  });

  it('reads every option in both --name value and --name=value forms', () => {
    const options = parseBenchArgs([
      '--model',
      'tiny',
      '--dataset=conll2003-valid',
      '--items',
      '128',
      '--seed=3',
      '--batch',
      '8',
      '--backend',
      'webgpu',
      '--modes',
      'bucketed,pad-to-max',
      '--buckets=15,35,55,75,max',
      '--distribution',
      'items',
      '--warmup',
      '2',
      '--reps=5',
      '--json',
      'out.json',
      '--reference',
      '--no-build',
      '--verbose',
    ]);
    expect(options).toMatchObject({
      model: 'tiny',
      dataset: 'conll2003-valid',
      items: 128,
      seed: 3,
      batchSize: 8,
      backend: 'webgpu',
      modes: ['bucketed', 'pad-to-max'],
      buckets: { kind: 'explicit', sizes: [15, 35, 55, 75], withMax: true },
      distribution: 'items',
      warmupRuns: 2,
      repetitions: 5,
      json: 'out.json',
      reference: true,
      build: false,
      verbose: true,
    });
  });

  it('runs both regimes by default, cold first, and reads --regime and --no-batch-buckets', () => {
    expect(regimesOf(parseBenchArgs([]))).toEqual(['cold', 'steady']);
    expect(parseBenchArgs([]).batchBuckets).toBe(true);
    const options = parseBenchArgs(['--regime', 'cold', '--no-batch-buckets']);
    expect(regimesOf(options)).toEqual(['cold']);
    expect(options.batchBuckets).toBe(false);
  });

  it('reads --batch-ladder (powers of 2 by default) and names a bad one', () => {
    expect(parseBenchArgs([]).batchLadder).toBe('powers-of-2');
    expect(parseBenchArgs(['--batch-ladder', 'powers-of-4']).batchLadder).toBe('powers-of-4');
    expect(() => parseBenchArgs(['--batch-ladder=3'])).toThrow(/--batch-ladder is "3"/);
  });

  it('accepts --items all and drops repeated modes', () => {
    const options = parseBenchArgs(['--items', 'all', '--modes', 'dynamic,dynamic,bucketed']);
    expect(options.items).toBe('all');
    expect(options.modes).toEqual(['dynamic', 'bucketed']);
  });

  it.each([
    [['--frobnicate'], 'UNKNOWN_OPTION'],
    [['model'], 'UNKNOWN_OPTION'],
    [['--reference=yes'], 'UNKNOWN_OPTION'],
    [['--batch'], 'MISSING_VALUE'],
    [['--batch', '--reference'], 'MISSING_VALUE'],
    [['--batch', '0'], 'BAD_NUMBER'],
    [['--items', '2.5'], 'BAD_NUMBER'],
    [['--reps', ''], 'BAD_NUMBER'],
    [['--backend', 'cuda'], 'BAD_BACKEND'],
    [['--regime', 'warm'], 'BAD_REGIME'],
    [['--modes', 'bucketed,fast'], 'BAD_MODE'],
    [['--modes', ','], 'BAD_MODE'],
    [['--buckets', '35,15'], 'BAD_BUCKETS'],
    [['--distribution', 'mean'], 'BAD_DISTRIBUTION'],
  ])('rejects %j with %s', (argv, code) => {
    expect(codeOf(() => parseBenchArgs(argv))).toBe(code);
  });

  it('names the offending option in the message', () => {
    expect(() => parseBenchArgs(['--backend', 'cuda'])).toThrow(/--backend is "cuda": choose wasm or webgpu/);
  });
});

describe('effectiveDistribution', () => {
  it.each([
    ['auto', 64, 'items'],
    ['auto', 1, 'items'],
    ['items', 64, 'items'],
    ['batch-max', 1, 'batch-max'],
  ] as const)('%s at batch %i selects on %s', (distribution, batchSize, expected) => {
    expect(effectiveDistribution({ distribution, batchSize })).toBe(expected);
  });
});

describe('HELP_TEXT', () => {
  it('documents every option the parser accepts', () => {
    // The parser's own list, so an option added there without help fails here.
    expect(OPTION_NAMES).toHaveLength(20);
    for (const name of OPTION_NAMES) expect(HELP_TEXT).toContain(`--${name}`);
  });

  it('lists only options the parser accepts', () => {
    for (const name of OPTION_NAMES) expect(codeOf(() => parseBenchArgs([`--${name}`]))).not.toBe('UNKNOWN_OPTION');
  });
});
