import { describe, expect, it } from 'vitest';
import { alignTokensToText } from './align';
import { classifyTokens, splitTag, type ClassifyInput } from './classify';
import { NerError } from './errors';
import { softmax } from './scores';
import { bioTransitions } from './viterbi';

const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];

/**
 * Logits whose softmax is exactly the given probabilities (log p, up to a constant per row), so every
 * expected score below is read straight off these rows.
 */
function logitsFor(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat(), (p) => Math.log(p));
}

/** A row putting `p` on one label and spreading the rest evenly. */
function row(labels: readonly string[], label: string, p: number): number[] {
  const rest = (1 - p) / (labels.length - 1);
  return labels.map((l) => (l === label ? p : rest));
}

function input(text: string, tokens: string[], rows: number[][], extra: Partial<ClassifyInput> = {}): ClassifyInput {
  return {
    text,
    tokens,
    offsets: alignTokensToText(text, tokens),
    logits: logitsFor(rows),
    id2label: extra.id2label ?? LABELS,
    strategy: 'none',
    ...extra,
  };
}

describe('softmax', () => {
  it('normalises each row and survives huge logits', () => {
    const p = softmax([0, Math.log(3), 1000, 1000], 2);
    expect(Array.from(p)).toEqual([expect.closeTo(0.25, 6), expect.closeTo(0.75, 6), 0.5, 0.5]);
  });

  it('refuses logits that do not split into rows', () => {
    expect(() => softmax([1, 2, 3], 2)).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});

describe('classifyTokens on "Mary is flying from Nairobi to New York"', () => {
  const text = 'Mary is flying from Nairobi to New York';
  const tokens = ['[CLS]', 'Mary', 'is', 'flying', 'from', 'Nairobi', 'to', 'New', 'York', '[SEP]'];
  const O = row(LABELS, 'O', 0.9);
  const rows = [
    row(LABELS, 'B-PER', 0.9), // [CLS]: a confident PER that must be ignored because the row is special
    [0.1, 0.8, 0.05, 0.025, 0.025],
    O,
    O,
    O,
    [0.1, 0.1, 0.05, 0.7, 0.05],
    O,
    [0.05, 0.025, 0.025, 0.6, 0.3],
    [0.05, 0.025, 0.025, 0.1, 0.8],
    row(LABELS, 'B-PER', 0.9),
  ];
  const specialMask = tokens.map((t) => t === '[CLS]' || t === '[SEP]');
  const base = input(text, tokens, rows, { specialMask });

  it('none: one entity per non-O token, indices counting [CLS] as 0', () => {
    const out = classifyTokens({ ...base, strategy: 'none' });
    expect(out.map((e) => [e.entity, e.index, e.word, e.start, e.end])).toEqual([
      ['B-PER', 1, 'Mary', 0, 4],
      ['B-LOC', 5, 'Nairobi', 20, 27],
      ['B-LOC', 7, 'New', 31, 34],
      ['I-LOC', 8, 'York', 35, 39],
    ]);
    expect(out.map((e) => e.score)).toEqual([0.8, 0.7, 0.6, 0.8].map((s) => expect.closeTo(s, 5)));
  });

  it('simple: PER Mary, LOC Nairobi, and New York as one LOC group with the mean score', () => {
    const out = classifyTokens({ ...base, strategy: 'simple' });
    expect(out.map((e) => [e.entity_group, e.word, e.start, e.end])).toEqual([
      ['PER', 'Mary', 0, 4],
      ['LOC', 'Nairobi', 20, 27],
      ['LOC', 'New York', 31, 39],
    ]);
    expect(out[2].score).toBeCloseTo((0.6 + 0.8) / 2, 5);
  });

  it.each(['first', 'average', 'max'] as const)('%s: single-piece words give the same groups as simple', (strategy) => {
    const out = classifyTokens({ ...base, strategy });
    expect(out.map((e) => e.word)).toEqual(['Mary', 'Nairobi', 'New York']);
  });

  it('without [CLS] in the rows, firstIndex 1 keeps Hugging Face numbering', () => {
    const inner = input(text, tokens.slice(1, -1), rows.slice(1, -1), { firstIndex: 1 });
    expect(classifyTokens({ ...inner, strategy: 'none' }).map((e) => e.index)).toEqual([1, 5, 7, 8]);
  });
});

describe('classifyTokens: grouping at B-/I- boundaries', () => {
  const text = 'Angela Merkel Barack Obama';
  const tokens = ['Angela', 'Merkel', 'Barack', 'Obama'];
  const at = (labels: string[]) =>
    classifyTokens({
      ...input(
        text,
        tokens,
        labels.map((l) => row(LABELS, l, 0.7)),
      ),
      strategy: 'simple',
    }).map((e) => `${e.entity_group}:${e.word}`);

  it('B I B I makes two adjacent PER groups', () => {
    expect(at(['B-PER', 'I-PER', 'B-PER', 'I-PER'])).toEqual(['PER:Angela Merkel', 'PER:Barack Obama']);
  });

  it('B B keeps two one-token groups; I I after nothing is one group', () => {
    expect(at(['B-PER', 'B-PER', 'I-PER', 'I-PER'])).toEqual(['PER:Angela', 'PER:Merkel Barack Obama']);
    expect(at(['I-PER', 'I-PER', 'O', 'I-PER'])).toEqual(['PER:Angela Merkel', 'PER:Obama']);
  });

  it('a type change starts a group even on I-', () => {
    expect(at(['B-PER', 'I-LOC', 'I-LOC', 'I-PER'])).toEqual(['PER:Angela', 'LOC:Merkel Barack', 'PER:Obama']);
  });

  it('labels without a B-/I- prefix continue like I-', () => {
    const labels = ['O', 'PER', 'LOC'];
    const rows = [row(labels, 'PER', 0.6), row(labels, 'PER', 0.8), row(labels, 'O', 0.9), row(labels, 'LOC', 0.5)];
    const out = classifyTokens({ ...input(text, tokens, rows, { id2label: labels }), strategy: 'simple' });
    expect(out.map((e) => [e.entity_group, e.word])).toEqual([
      ['PER', 'Angela Merkel'],
      ['LOC', 'Obama'],
    ]);
    expect(out[0].score).toBeCloseTo(0.7, 5);
  });

  it('ignoreLabels filters after grouping, so a dropped O still separates entities', () => {
    const rows = ['B-PER', 'O', 'I-PER', 'I-PER'].map((l) => row(LABELS, l, 0.7));
    const kept = classifyTokens({ ...input(text, tokens, rows), strategy: 'simple', ignoreLabels: [] });
    expect(kept.map((e) => `${e.entity_group}:${e.word}`)).toEqual(['PER:Angela', 'O:Merkel', 'PER:Barack Obama']);
    const noPer = classifyTokens({ ...input(text, tokens, rows), strategy: 'simple', ignoreLabels: ['PER'] });
    expect(noPer.map((e) => e.entity_group)).toEqual(['O']);
  });
});

describe('classifyTokens: sub-words with disagreeing labels', () => {
  const labels = ['O', 'B-MISC', 'I-MISC'];
  const text = 'The Uzbekistani fans';
  const tokens = ['The', 'Uzbekistan', '##i', 'fans'];
  const rows = [
    [0.9, 0.05, 0.05],
    [0.4, 0.35, 0.25], // first piece: O
    [0.1, 0.8, 0.1], // second piece: B-MISC, more confident
    [0.9, 0.05, 0.05],
  ];
  const base = input(text, tokens, rows, { id2label: labels });

  it('simple groups tokens, so only the "i" piece is MISC', () => {
    const out = classifyTokens({ ...base, strategy: 'simple' });
    expect(out.map((e) => [e.entity_group, e.word, e.start, e.end])).toEqual([['MISC', 'i', 14, 15]]);
  });

  it('first: the word takes the first piece (O), so nothing is reported', () => {
    expect(classifyTokens({ ...base, strategy: 'first' })).toEqual([]);
  });

  it('max: the word takes the most confident piece (B-MISC 0.8)', () => {
    const out = classifyTokens({ ...base, strategy: 'max' });
    expect(out.map((e) => [e.entity_group, e.word, e.start, e.end])).toEqual([['MISC', 'Uzbekistani', 4, 15]]);
    expect(out[0].score).toBeCloseTo(0.8, 5);
  });

  it('average: argmax of mean probabilities [0.25, 0.575, 0.175] is B-MISC with 0.575', () => {
    const out = classifyTokens({ ...base, strategy: 'average' });
    expect(out.map((e) => e.word)).toEqual(['Uzbekistani']);
    expect(out[0].score).toBeCloseTo(0.575, 5);
  });

  it('average can pick a label neither piece chose; max breaks a tie towards the first piece', () => {
    const tieRows = [rows[0], [0.5, 0.45, 0.05], [0.05, 0.45, 0.5], rows[3]];
    const tie = input(text, tokens, tieRows, { id2label: labels });
    const average = classifyTokens({ ...tie, strategy: 'average' });
    expect(average.map((e) => e.entity_group)).toEqual(['MISC']);
    expect(average[0].score).toBeCloseTo(0.45, 5);
    expect(classifyTokens({ ...tie, strategy: 'max' })).toEqual([]);
    expect(classifyTokens({ ...tie, strategy: 'first' })).toEqual([]);
  });

  it('none keeps the pieces as written', () => {
    const out = classifyTokens({ ...base, strategy: 'none' });
    expect(out.map((e) => [e.entity, e.word, e.index])).toEqual([['B-MISC', '##i', 2]]);
  });

  it('an [UNK] is a word of its own and reports the original text', () => {
    const unkText = 'Hi \u{1F600}';
    const unk = input(
      unkText,
      ['Hi', '[UNK]'],
      [
        [0.9, 0.05, 0.05],
        [0.2, 0.7, 0.1],
      ],
      { id2label: labels },
    );
    expect(classifyTokens({ ...unk, strategy: 'none' }).map((e) => e.word)).toEqual(['\u{1F600}']);
    expect(classifyTokens({ ...unk, strategy: 'first' }).map((e) => [e.word, e.start])).toEqual([['\u{1F600}', 3]]);
  });
});

describe('classifyTokens: all-O and empty inputs', () => {
  const text = 'nothing to see here';
  const tokens = ['nothing', 'to', 'see', 'here'];
  const rows = tokens.map(() => row(LABELS, 'O', 0.95));

  it.each(['none', 'simple', 'first', 'average', 'max'] as const)('%s returns nothing', (strategy) => {
    expect(classifyTokens({ ...input(text, tokens, rows), strategy })).toEqual([]);
  });

  it('with ignoreLabels [] the O group spans the whole text', () => {
    const out = classifyTokens({ ...input(text, tokens, rows), strategy: 'simple', ignoreLabels: [] });
    expect(out).toEqual([
      { entity_group: 'O', score: expect.closeTo(0.95, 5), word: text, start: 0, end: text.length },
    ]);
  });

  it('no tokens, no entities', () => {
    expect(classifyTokens({ ...input('', [], []), strategy: 'average' })).toEqual([]);
  });
});

describe('classifyTokens: constrained decoding (opt-in)', () => {
  const text = 'in New York';
  const tokens = ['in', 'New', 'York'];
  // Argmax says New = O (0.5) and York = I-LOC: an I- after O, which IOB2 forbids.
  const rows = [row(LABELS, 'O', 0.9), [0.5, 0.025, 0.025, 0.45, 0.0], [0.04, 0.02, 0.02, 0.02, 0.9]].map((r) =>
    r.map((p) => Math.max(p, 1e-6)),
  );
  const base = input(text, tokens, rows);

  it('argmax alone finds only "York"', () => {
    expect(classifyTokens({ ...base, strategy: 'simple' }).map((e) => e.word)).toEqual(['York']);
  });

  it('with IOB2 transitions the best legal path is B-LOC I-LOC', () => {
    const out = classifyTokens({ ...base, strategy: 'simple', transitions: bioTransitions(LABELS) });
    expect(out.map((e) => [e.entity_group, e.word])).toEqual([['LOC', 'New York']]);
    expect(out[0].score).toBeCloseTo((0.45 + 0.9) / 2, 4);
    const tokensOut = classifyTokens({ ...base, strategy: 'none', transitions: bioTransitions(LABELS) });
    expect(tokensOut.map((e) => e.entity)).toEqual(['B-LOC', 'I-LOC']);
  });

  it('is refused for word-level strategies', () => {
    expect(() => classifyTokens({ ...base, strategy: 'first', transitions: bioTransitions(LABELS) })).toThrow(
      expect.objectContaining({ code: 'BAD_OPTION' }),
    );
  });
});

describe('classifyTokens: bad input is named', () => {
  const good = input('a b', ['a', 'b'], [row(LABELS, 'O', 0.9), row(LABELS, 'O', 0.9)]);

  it.each([
    ['logits of the wrong size', { logits: new Float32Array(7) }, 'SHAPE_MISMATCH'],
    ['offsets for other tokens', { offsets: [{ start: 0, end: 1 }] }, 'SHAPE_MISMATCH'],
    ['a short specialMask', { specialMask: [true] }, 'SHAPE_MISMATCH'],
    ['no labels', { id2label: [] as string[] }, 'BAD_LABELS'],
    ['an unknown strategy', { strategy: 'mean' as unknown as 'none' }, 'BAD_OPTION'],
  ])('%s', (_, patch, code) => {
    expect(() => classifyTokens({ ...good, ...patch })).toThrow(NerError);
    expect(() => classifyTokens({ ...good, ...patch })).toThrow(expect.objectContaining({ code }));
  });
});

describe('splitTag', () => {
  it.each([
    ['B-PER', 'B', 'PER'],
    ['I-LOC', 'I', 'LOC'],
    ['O', 'I', 'O'],
    ['B-creative-work', 'B', 'creative-work'],
    ['corporation', 'I', 'corporation'],
  ])('%s', (label, bi, type) => {
    expect(splitTag(label)).toEqual({ bi, type });
  });
});
