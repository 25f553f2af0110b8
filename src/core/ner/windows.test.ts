import { describe, expect, it } from 'vitest';
import { splitIntoWindows } from '../routing';
import { classifyTokens } from './classify';
import { NerError, TextTooLongError } from './errors';
import { mergeWindowLogits, planOverflow, type WindowLogits } from './windows';

/** Windows whose single logit per token records which window produced it. */
function markedWindows(spans: { start: number; end: number }[]): WindowLogits[] {
  return spans.map((s, i) => ({ ...s, logits: new Float32Array(s.end - s.start).fill(i) }));
}

describe('mergeWindowLogits: which window each token comes from', () => {
  it('two windows: the seam sits in the middle of the overlap', () => {
    const merged = mergeWindowLogits(
      markedWindows([
        { start: 0, end: 6 },
        { start: 4, end: 10 },
      ]),
      10,
      1,
    );
    expect(Array.from(merged)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('four windows of 8 every 4 tokens (worked out by hand)', () => {
    const spans = splitIntoWindows(20, 8, 4);
    expect(spans).toEqual([
      { start: 0, end: 8 },
      { start: 4, end: 12 },
      { start: 8, end: 16 },
      { start: 12, end: 20 },
    ]);
    const merged = mergeWindowLogits(markedWindows(spans), 20, 1);
    expect(Array.from(merged)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
  });

  it('copies whole rows when there are several labels', () => {
    const windows = [
      { start: 0, end: 2, logits: [1, 2, 3, 4] },
      { start: 1, end: 3, logits: [5, 6, 7, 8] },
    ];
    expect(Array.from(mergeWindowLogits(windows, 3, 2))).toEqual([1, 2, 3, 4, 7, 8]);
  });

  it('a single window passes through', () => {
    expect(Array.from(mergeWindowLogits([{ start: 0, end: 2, logits: [3, 4] }], 2, 1))).toEqual([3, 4]);
  });
});

describe('mergeWindowLogits: entities across a seam', () => {
  const labels = ['O', 'B-LOC', 'I-LOC'];
  const O = [5, 0, 0];
  const B = [0, 5, 0];
  const I = [0, 0, 5];
  const text = 'a b c d New York City e f g h';
  const tokens = text.split(' ');
  const offsets = tokens.map((_, i) => {
    const start = tokens.slice(0, i).join(' ').length + (i > 0 ? 1 : 0);
    return { start, end: start + tokens[i].length };
  });
  const classify = (logits: Float32Array) =>
    classifyTokens({ text, tokens, offsets, logits, id2label: labels, strategy: 'simple' }).map((e) => e.word);

  it('an entity seen whole by both windows comes out once', () => {
    // Tokens 4..6 are "New York City"; windows [0,8) and [3,11) both see all three.
    const truth = [O, O, O, O, B, I, I, O, O, O, O];
    const windows = [
      { start: 0, end: 8, logits: truth.slice(0, 8).flat() },
      { start: 3, end: 11, logits: truth.slice(3, 11).flat() },
    ];
    expect(classify(mergeWindowLogits(windows, 11, 3))).toEqual(['New York City']);
  });

  it('a token at a cut edge is taken from the window that saw its context', () => {
    // Window [0,6) ends after "York": cut there, it misreads "York" as O. Window [4,11) sees the whole name.
    const first = [O, O, O, O, B, O];
    const second = [B, I, I, O, O, O, O];
    const windows = [
      { start: 0, end: 6, logits: first.flat() },
      { start: 4, end: 11, logits: second.flat() },
    ];
    expect(classify(mergeWindowLogits(windows, 11, 3))).toEqual(['New York City']);
    // Preferring the first window wherever it has a row would have cut the entity in two.
    const naive = [...first, ...second.slice(2)].flat();
    expect(classify(Float32Array.from(naive))).toEqual(['New', 'City']);
  });

  it('merged windows reproduce whole-sequence results on a 5,000-token text, last entity included', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const total = 5000;
    const truth: number[][] = [];
    while (truth.length < total - 2) {
      const span = rand(10) === 0 ? 1 + rand(4) : 0;
      if (span === 0) truth.push(O);
      else for (let k = 0; k < span && truth.length < total - 2; k++) truth.push(k === 0 ? B : I);
    }
    truth.push(B, I); // an entity in the last two tokens
    const wTokens = truth.map((_, i) => `w${i}`);
    const wText = wTokens.join(' ');
    let position = 0;
    const wOffsets = wTokens.map((t) => {
      const span = { start: position, end: position + t.length };
      position = span.end + 1;
      return span;
    });
    const whole = classifyTokens({
      text: wText,
      tokens: wTokens,
      offsets: wOffsets,
      logits: Float32Array.from(truth.flat()),
      id2label: labels,
      strategy: 'simple',
    });
    for (const [windowLength, stride] of [
      [126, 63],
      [510, 255],
      [64, 60],
      [100, 1],
    ]) {
      const windows = splitIntoWindows(total, windowLength, stride).map((s) => ({
        ...s,
        logits: truth.slice(s.start, s.end).flat(),
      }));
      const merged = mergeWindowLogits(windows, total, 3);
      const entities = classifyTokens({
        text: wText,
        tokens: wTokens,
        offsets: wOffsets,
        logits: merged,
        id2label: labels,
        strategy: 'simple',
      });
      expect(entities).toEqual(whole);
    }
    expect(whole[whole.length - 1].word).toBe(`w${total - 2} w${total - 1}`);
  });
});

describe('mergeWindowLogits: bad windows are named', () => {
  it.each([
    [
      'a gap',
      [
        { start: 0, end: 2, logits: [0, 0] },
        { start: 3, end: 5, logits: [0, 0] },
      ],
      /Token 2 lies in no window/,
    ],
    ['rows still holding [CLS]/[SEP]', [{ start: 0, end: 5, logits: new Array(7).fill(0) }], /drop the \[CLS\]/],
    ['a window past the end', [{ start: 0, end: 6, logits: new Array(6).fill(0) }], /inside the 5 tokens/],
  ])('%s', (_, windows, message) => {
    expect(() => mergeWindowLogits(windows, 5, 1)).toThrow(NerError);
    expect(() => mergeWindowLogits(windows, 5, 1)).toThrow(message);
  });
});

describe('planOverflow', () => {
  it('a text that fits runs whole under every policy', () => {
    for (const policy of ['window', 'truncate', 'reject'] as const) {
      expect(planOverflow(100, 126, policy)).toEqual({
        spans: [{ start: 0, end: 100 }],
        keptTokens: 100,
        truncated: false,
      });
    }
  });

  it('reject throws TextTooLongError with the counts and what to do', () => {
    try {
      planOverflow(300, 126, 'reject');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TextTooLongError);
      const e = err as TextTooLongError;
      expect([e.code, e.tokenCount, e.maxTokens]).toEqual(['TEXT_TOO_LONG', 300, 126]);
      expect(e.message).toMatch(/300 tokens.*126.*"window" policy/);
    }
  });

  it('TextTooLongError built from a description still says what to do', () => {
    const e = new TextTooLongError('Text 3 has 900 tokens.');
    expect(e.message).toMatch(/^Text 3 has 900 tokens\. Choose the "window" policy/);
    expect(e.code).toBe('TEXT_TOO_LONG');
  });

  it('truncate keeps the head', () => {
    expect(planOverflow(300, 126, 'truncate')).toEqual({
      spans: [{ start: 0, end: 126 }],
      keptTokens: 126,
      truncated: true,
    });
  });

  it('window covers every token with half-window strides by default', () => {
    const plan = planOverflow(300, 126, 'window');
    expect(plan.spans).toEqual(splitIntoWindows(300, 126, 63));
    expect(plan.spans[plan.spans.length - 1].end).toBe(300);
    expect(planOverflow(300, 126, 'window', 100).spans.map((s) => s.start)).toEqual([0, 100, 174]);
  });

  it('names a bad stride or capacity', () => {
    expect(() => planOverflow(300, 126, 'window', 127)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => planOverflow(300, 0, 'window')).toThrow(/positive whole number/);
  });
});
