import { describe, expect, it } from 'vitest';
import { parseConll } from './conll';

const SAMPLE = [
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

describe('parseConll', () => {
  it('splits sentences at blank lines and numbers documents at -DOCSTART-', () => {
    expect(parseConll(SAMPLE)).toEqual([
      { words: ['EU', 'rejects', 'German'], tags: ['B-ORG', 'O', 'B-MISC'], doc: 0 },
      { words: ['Peter', 'Blackburn'], tags: ['B-PER', 'I-PER'], doc: 0 },
      { words: ['BRUSSELS'], tags: ['B-LOC'], doc: 1 },
    ]);
  });

  it('reads two-column files, CRLF endings and a last sentence without a trailing blank line', () => {
    expect(parseConll('New\tB-LOC\r\nYork\tI-LOC')).toEqual([{ words: ['New', 'York'], tags: ['B-LOC', 'I-LOC'], doc: 0 }]);
  });

  it('rejects a line without a tag column, naming the line', () => {
    expect(() => parseConll('EU B-ORG\nrejects\n')).toThrow(expect.objectContaining({ code: 'BAD_LINE' }));
    expect(() => parseConll('EU B-ORG\nrejects\n')).toThrow(/line 2/);
  });
});
