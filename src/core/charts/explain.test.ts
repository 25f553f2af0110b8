import { describe, expect, it } from 'vitest';
import type { Mode } from '../modes';
import { explainComparison, explainLive, type ExplainableResult } from './explain';

function result(
  mode: Mode,
  itemsPerSec: number,
  paddingEfficiency: number,
  extra: Partial<ExplainableResult> = {},
): ExplainableResult {
  return { mode, itemsPerSec, paddingEfficiency, ...extra };
}

// The figures issue 16 reported for the app's WASM Compare (88 items, batch 8).
const WASM_RUN = [
  result('bucketed', 65, 0.646),
  result('bucketed-shared', 50, 0.646),
  result('pad-to-max', 29.4, 0.3),
  result('dynamic', 96, 0.786),
];

describe('explainComparison', () => {
  it.each<
    [
      string,
      ExplainableResult[],
      { backend: 'wasm' | 'webgpu'; batchSize: number; predictedEmptyRows?: number },
      Mode,
      RegExp,
      RegExp[],
    ]
  >([
    [
      'WASM, dynamic wins on padding and empty rows',
      WASM_RUN,
      { backend: 'wasm', batchSize: 8, predictedEmptyRows: 16 },
      'dynamic',
      /^Dynamic ran fastest: 96\.0 items\/s, 1\.48× bucketed and 3\.27× pad-to-max\.$/,
      [
        /nothing is compiled per input shape/,
        /Padding: 78\.6% of the tokens dynamic computed were real \(bucketed 64\.6%/,
        /16 empty rows/,
        /WASM with ready-made kernels/,
      ],
    ],
    [
      'WebGPU cold stream, bucketed wins on compiles',
      [
        result('bucketed', 12, 0.7, {
          regime: 'cold',
          compiles: { warmup: 40, traffic: 0 },
          latencyMs: { p50: 70, p95: 90, max: 120 },
        }),
        result('pad-to-max', 6, 0.3, { regime: 'cold', compiles: { warmup: 10, traffic: 0 } }),
        result('dynamic', 3, 0.9, {
          regime: 'cold',
          compiles: { warmup: 10, traffic: 37 },
          latencyMs: { p50: 60, p95: 4000, max: 15000 },
        }),
      ],
      { backend: 'webgpu', batchSize: 1 },
      'bucketed',
      /^Bucketed ran fastest: 12\.0 items\/s, 2\.00× pad-to-max and 4\.00× dynamic\.$/,
      [
        /Compiles while items were streaming: dynamic 37 times; bucketed, pad-to-max none/,
        /Worst wait for one item: bucketed 120 ms, dynamic 15000 ms/,
        /Regime: cold stream/,
      ],
    ],
    [
      'WASM cold stream, bucketed and shared tie at the top: the headline gives their lead over the others',
      [
        result('dynamic', 340, 0.786, { regime: 'cold' }),
        result('bucketed', 540, 0.785, { regime: 'cold' }),
        result('bucketed-shared', 527, 0.785, { regime: 'cold' }),
        result('pad-to-max', 144, 0.208, { regime: 'cold' }),
      ],
      { backend: 'wasm', batchSize: 8 },
      'bucketed',
      /^Bucketed and shared ran fastest, within run-to-run noise of each other \(540 and 527 items\/s\): 1\.59× dynamic and 3\.75× pad-to-max\.$/,
      [/nothing is compiled per input shape/, /Regime: cold stream/],
    ],
    [
      'steady regime says compile cost is left out',
      [result('bucketed', 10, 0.7, { regime: 'steady' }), result('dynamic', 10.2, 0.9, { regime: 'steady' })],
      { backend: 'webgpu', batchSize: 1 },
      'dynamic',
      /about as fast .* within run-to-run noise/,
      [/Regime: steady/],
    ],
  ])('%s', (_title, results, context, winner, headline, reasons) => {
    const explanation = explainComparison(results, context)!;
    expect(explanation.winner).toBe(winner);
    expect(explanation.headline).toMatch(headline);
    for (const reason of reasons)
      expect(
        explanation.reasons.some((r) => reason.test(r)),
        `${reason} in ${JSON.stringify(explanation.reasons)}`,
      ).toBe(true);
  });

  it('puts a winner that padded more but made fewer model calls down to the fixed cost of a call', () => {
    const explanation = explainComparison(
      [
        result('pad-to-max', 1009, 0.456, { modelCalls: 8 }),
        result('bucketed', 848, 0.843, { modelCalls: 16 }),
        result('dynamic', 647, 0.619, { modelCalls: 8 }),
      ],
      { backend: 'wasm', batchSize: 8 },
    )!;
    expect(explanation.reasons).toContainEqual(
      expect.stringMatching(/^Model calls: pad-to-max made 8 calls per pass, bucketed 16\. Each call has a fixed cost/),
    );
    // Bucketed winning with more calls needs no such sentence; neither do results without the count.
    const bucketedWins = explainComparison(
      [result('bucketed', 900, 0.843, { modelCalls: 16 }), result('pad-to-max', 500, 0.456, { modelCalls: 8 })],
      { backend: 'wasm', batchSize: 8 },
    )!;
    expect(bucketedWins.reasons.join(' ')).not.toMatch(/Model calls/);
    expect(explainComparison(WASM_RUN, { backend: 'wasm', batchSize: 8 })!.reasons.join(' ')).not.toMatch(
      /Model calls/,
    );
  });

  it('says nothing about empty rows at batch size 1 or when there are none', () => {
    expect(
      explainComparison(WASM_RUN, { backend: 'wasm', batchSize: 1, predictedEmptyRows: 16 })!.reasons.join(' '),
    ).not.toMatch(/empty row/);
    expect(
      explainComparison(WASM_RUN, { backend: 'wasm', batchSize: 8, predictedEmptyRows: 0 })!.reasons.join(' '),
    ).not.toMatch(/empty row/);
  });

  it('has nothing to explain with fewer than two usable results', () => {
    expect(explainComparison([], { backend: 'wasm', batchSize: 8 })).toBeNull();
    expect(
      explainComparison([result('bucketed', 10, 0.5), result('dynamic', Number.NaN, 0.5)], {
        backend: 'wasm',
        batchSize: 8,
      }),
    ).toBeNull();
  });
});

describe('explainLive', () => {
  it.each<[string, Parameters<typeof explainLive>[0], RegExp | null]>([
    [
      'ahead',
      { backend: 'wasm', rate: 60, reference: 30, bucketedEfficiency: 0.65, padToMaxEfficiency: 0.3, warming: false },
      /runs 2\.00× pad-to-max .* 65\.0% real tokens, pad-to-max 30\.0%/,
    ],
    [
      'behind',
      { backend: 'wasm', rate: 20, reference: 30, bucketedEfficiency: null, padToMaxEfficiency: null, warming: false },
      /slower than pad-to-max \(0\.67×\).*Try fewer buckets/,
    ],
    [
      'level',
      {
        backend: 'wasm',
        rate: 30,
        reference: 30.5,
        bucketedEfficiency: null,
        padToMaxEfficiency: null,
        warming: false,
      },
      /about as fast \(0\.98×\)/,
    ],
    [
      'warming on WebGPU',
      { backend: 'webgpu', rate: 30, reference: 30, bucketedEfficiency: null, padToMaxEfficiency: null, warming: true },
      /compiles its GPU pipelines once/,
    ],
    [
      'warming on WASM: ready buckets stream, the reference waits',
      {
        backend: 'wasm',
        rate: null,
        reference: null,
        bucketedEfficiency: null,
        padToMaxEfficiency: null,
        warming: true,
      },
      /items whose buckets are ready stream meanwhile.*pad-to-max reference waits/,
    ],
    [
      'no reference yet',
      {
        backend: 'wasm',
        rate: 30,
        reference: null,
        bucketedEfficiency: null,
        padToMaxEfficiency: null,
        warming: false,
      },
      null,
    ],
  ])('%s', (_title, input, expected) => {
    const text = explainLive(input);
    if (expected === null) expect(text).toBeNull();
    else expect(text).toMatch(expected);
  });
});
