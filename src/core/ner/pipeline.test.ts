import { describe, expect, it } from 'vitest';
import { classifyTokens } from './classify';
import { TextTooLongError } from './errors';
import { decodeText, planSegments, type SegmentLogits } from './pipeline';
import type { Transitions } from './viterbi';

const special = { cls: 101, sep: 102 };
const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('planSegments', () => {
  it('frames a text that fits as one [CLS] ... [SEP] segment under every policy', () => {
    for (const policy of ['window', 'truncate', 'reject'] as const) {
      expect(planSegments([[7, 8, 9]], 5, policy, special)).toEqual({
        segments: [{ textIndex: 0, start: 0, end: 3, ids: [101, 7, 8, 9, 102] }],
        keptTokens: [3],
        truncated: [false],
      });
    }
  });

  it('window: overlapping windows of (largest bucket - 2) tokens, half a window apart, covering every token', () => {
    const plan = planSegments([ids(2), ids(10, 50)], 6, 'window', special);
    expect(plan.segments.map((s) => [s.textIndex, s.start, s.end])).toEqual([
      [0, 0, 2],
      [1, 0, 4],
      [1, 2, 6],
      [1, 4, 8],
      [1, 6, 10],
    ]);
    expect(plan.segments[2].ids).toEqual([101, 52, 53, 54, 55, 102]);
    expect(plan.keptTokens).toEqual([2, 10]);
    expect(planSegments([ids(10)], 6, 'window', special, 3).segments.map((s) => s.start)).toEqual([0, 3, 6]);
  });

  it('truncate keeps the head and says so', () => {
    const plan = planSegments([ids(10)], 6, 'truncate', special);
    expect(plan.segments).toEqual([{ textIndex: 0, start: 0, end: 4, ids: [101, 1, 2, 3, 4, 102] }]);
    expect([plan.keptTokens, plan.truncated]).toEqual([[4], [true]]);
  });

  it('reject names the text, its token count with special tokens, the bucket and what to do', () => {
    try {
      planSegments([ids(2), ids(9)], 6, 'reject', special);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TextTooLongError);
      expect((err as Error).message).toMatch(
        /^Text 2 has 11 tokens, more than the largest bucket \(6\)\. Choose the "window" policy/,
      );
    }
  });

  it('refuses a largest bucket with no room for text, and a stride past the window', () => {
    expect(() => planSegments([ids(1)], 2, 'window', special)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => planSegments([ids(1)], 2, 'window', special)).toThrow(/at least 3 tokens/);
    expect(() => planSegments([ids(10)], 6, 'window', special, 5)).toThrow(
      /Stride 5 must be a whole number from 1 to 4/,
    );
  });
});

describe('decodeText', () => {
  const labels = ['O', 'B-LOC', 'I-LOC'];
  const O = [5, 0, 0];
  const B = [0, 5, 0];
  // York leans to B-LOC second, so a decoder that forbids I-LOC after B-LOC picks B-LOC for it.
  const I = [0, 2, 5];
  const CLS = [9, 9, 9];
  const text = 'a b New York c d e';
  const tokens = text.split(' ');
  const truth = [O, O, B, I, O, O, O];
  /** Model output of tokens [start, end): rows for [CLS], the tokens, [SEP], then a padding row. */
  const segment = (start: number, end: number): SegmentLogits => ({
    start,
    end,
    logits: Float32Array.from([CLS, ...truth.slice(start, end), CLS, CLS].flat()),
  });
  /** decodeText on this text: the whole of it in one segment unless `options` say otherwise. */
  const decode = (options: Partial<Parameters<typeof decodeText>[0]>) =>
    decodeText({
      text,
      tokens,
      keptTokens: 7,
      segments: [segment(0, 7)],
      id2label: labels,
      strategy: 'simple',
      ...options,
    });

  it('drops [CLS]/[SEP]/padding rows and merges windows into the whole-text entities', () => {
    const whole = decode({});
    expect(whole.map((e) => [e.word, e.start, e.end])).toEqual([['New York', 4, 12]]);
    const windowed = decode({ segments: [segment(2, 6), segment(0, 4), segment(4, 7)] });
    expect(windowed).toEqual(whole);
  });

  it('numbers tokens from 1 as Hugging Face does, and decodes only the kept head of a truncated text', () => {
    const out = decode({ keptTokens: 3, segments: [segment(0, 3)], strategy: 'none' });
    expect(out.map((e) => ['entity' in e ? e.entity : '', 'index' in e ? e.index : -1, e.word])).toEqual([
      ['B-LOC', 3, 'New'],
    ]);
  });

  it('applies the word-level table to the word strategies only, where classifyTokens would refuse it', () => {
    // A table that forbids I-LOC after B-LOC turns "New York" into two entities under `first`.
    const noInside: Transitions = { matrix: [0, 0, 0, 0, 0, -Infinity, 0, 0, 0], start: [0, 0, 0] };
    const first = decode({ strategy: 'first', wordTransitions: noInside });
    expect(first.map((e) => e.word)).toEqual(['New', 'York']);
    const simple = decode({ strategy: 'simple', wordTransitions: noInside });
    expect(simple.map((e) => e.word)).toEqual(['New York']);
    expect(() =>
      classifyTokens({
        text,
        tokens,
        offsets: [],
        logits: [],
        id2label: labels,
        strategy: 'simple',
        wordTransitions: noInside,
      }),
    ).toThrow();
  });
});
