import { describe, expect, it } from 'vitest';
import { ConllParseError, parseConll2003, parseWnut17 } from './conll';

describe('parseConll2003', () => {
  const sample = [
    '-DOCSTART- -X- -X- O',
    '',
    'EU NNP B-NP B-ORG',
    'rejects VBZ B-VP O',
    'German JJ B-NP B-MISC',
    '',
    'Peter NNP B-NP B-PER',
    'Blackburn NNP I-NP I-PER',
    '',
    '-DOCSTART- -X- -X- O',
    '',
    'BRUSSELS NNP B-NP B-LOC',
    '',
  ].join('\n');

  it('reads sentences with the NER column and a document id', () => {
    expect(parseConll2003(sample)).toEqual([
      { tokens: ['EU', 'rejects', 'German'], tags: ['B-ORG', 'O', 'B-MISC'], docId: 0 },
      { tokens: ['Peter', 'Blackburn'], tags: ['B-PER', 'I-PER'], docId: 0 },
      { tokens: ['BRUSSELS'], tags: ['B-LOC'], docId: 1 },
    ]);
  });

  it('gives the same result with CRLF line ends and a BOM', () => {
    expect(parseConll2003('\uFEFF' + sample.replace(/\n/g, '\r\n'))).toEqual(parseConll2003(sample));
  });

  it('omits docId when the file has no -DOCSTART-', () => {
    expect(parseConll2003('a DT B-NP O\n')).toEqual([{ tokens: ['a'], tags: ['O'] }]);
  });

  it('reports every malformed line with its number', () => {
    let caught: unknown;
    try {
      parseConll2003('ok NN B-NP O\nbroken line\nbad NN B-NP X-PER\n', { source: 'train.txt' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConllParseError);
    const error = caught as ConllParseError;
    expect(error.code).toBe('MALFORMED_LINES');
    expect(error.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(error.message).toMatch(
      /^train.txt is not valid CoNLL-2003: 2 malformed line\(s\). line 2: expected 4 columns/,
    );
    expect(error.message).toMatch(/line 3: "X-PER" is not an IOB tag/);
  });

  it('refuses a file without sentences', () => {
    expect(() => parseConll2003('-DOCSTART- -X- -X- O\n\n')).toThrow(expect.objectContaining({ code: 'NO_SENTENCES' }));
  });

  // Moved from src/core/eval/conll.test.ts when eval:ner started reading valid.txt with this parser.
  it('reads a last sentence without a trailing blank line', () => {
    expect(parseConll2003('New NNP B-NP B-LOC\r\nYork NNP I-NP I-LOC')).toEqual([
      { tokens: ['New', 'York'], tags: ['B-LOC', 'I-LOC'] },
    ]);
  });

  it('rejects a line without a tag column, naming the line', () => {
    expect(() => parseConll2003('EU NNP B-NP B-ORG\nrejects\n')).toThrow(
      expect.objectContaining({ code: 'MALFORMED_LINES' }),
    );
    expect(() => parseConll2003('EU NNP B-NP B-ORG\nrejects\n')).toThrow(/line 2/);
  });
});

describe('parseWnut17', () => {
  it('reads two-column (token TAB tag) files, CRLF endings and a last sentence without a trailing blank line', () => {
    expect(parseWnut17('New\tB-LOC\r\nYork\tI-LOC')).toEqual([{ tokens: ['New', 'York'], tags: ['B-LOC', 'I-LOC'] }]);
  });

  it('treats a line holding a single TAB as a sentence separator', () => {
    const text = '@paulwalk\tO\nIt\tO\n\t\nLondon\tB-location\ncalling\tO\n\nBye\tO\n';
    expect(parseWnut17(text)).toEqual([
      { tokens: ['@paulwalk', 'It'], tags: ['O', 'O'] },
      { tokens: ['London', 'calling'], tags: ['B-location', 'O'] },
      { tokens: ['Bye'], tags: ['O'] },
    ]);
  });

  it('handles CRLF', () => {
    expect(parseWnut17('a\tO\r\n\t\r\nb\tB-person\r\n')).toEqual([
      { tokens: ['a'], tags: ['O'] },
      { tokens: ['b'], tags: ['B-person'] },
    ]);
  });

  it('reports lines without a TAB, with their numbers', () => {
    expect(() => parseWnut17('a\tO\nb O\n')).toThrow(/line 2: expected 2 TAB-separated columns/);
  });
});
