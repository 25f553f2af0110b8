import { describe, expect, it } from 'vitest';
import { itemsFromFileText, itemsFromText, readDatasetFile } from './dataset-items';

const CONLL = [
  '-DOCSTART- -X- -X- O',
  '',
  'EU NNP B-NP B-ORG',
  'rejects VBZ B-VP O',
  'German JJ B-NP B-MISC',
  '',
  'Peter NNP B-NP B-PER',
  'Blackburn NNP I-NP I-PER',
  '',
].join('\n');
const WNUT = ['@paul\tO', 'in\tO', 'London\tB-location', '\t', 'next\tO', 'one\tO', ''].join('\n');

describe('dataset items from files', () => {
  it.each([
    ['train.txt', CONLL, ['EU rejects German', 'Peter Blackburn'], /CoNLL-2003/],
    [
      'data.conll',
      CONLL.replace('-DOCSTART- -X- -X- O\n\n', ''),
      ['EU rejects German', 'Peter Blackburn'],
      /CoNLL-2003/,
    ],
    ['wnut17train.conll', WNUT, ['@paul in London', 'next one'], /token TAB tag/],
    ['any.txt', WNUT.replace(/\n/g, '\r\n'), ['@paul in London', 'next one'], /token TAB tag/],
    ['lines.txt', 'first line\n\n second line \n', ['first line', 'second line'], /plain text/],
    ['items.jsonl', '{"text": "a"}\n{"text": "b"}\n', ['a', 'b'], /JSONL/],
    ['noext', '{"text": "sniffed"}\n', ['sniffed'], /JSONL/],
  ])('reads %s', (name, text, items, format) => {
    const result = itemsFromFileText(name, text);
    expect(result.items).toEqual(items);
    expect(result.format).toMatch(format);
  });

  it('keeps the good JSONL lines and says which were skipped', () => {
    const result = itemsFromFileText('x.jsonl', '{"text": "ok"}\nnot json\n{"other": 1}\n');
    expect(result.items).toEqual(['ok']);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/^2 lines could not be read/);
    expect(result.notes[0]).toContain('Line 2');
  });

  it('reports malformed CoNLL lines with their numbers', () => {
    expect(() => itemsFromFileText('bad.conll', 'EU NNP B-NP B-ORG\nbroken line\n')).toThrow(
      expect.objectContaining({ code: 'MALFORMED_LINES' }),
    );
  });

  it('splits pasted text into sentences or lines', () => {
    expect(itemsFromText('Mr. Smith went to Oslo. He came back!\nNext line', 'sentences')).toEqual([
      'Mr. Smith went to Oslo.',
      'He came back!',
      'Next line',
    ]);
    expect(itemsFromText('a. b.\nc', 'lines')).toEqual(['a. b.', 'c']);
    expect(() => itemsFromText('   ', 'lines')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });

  it('decodes a UTF-16 file with its byte-order mark', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...[...'hé\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const decoded = await readDatasetFile(new File([bytes], 'u16.txt'));
    expect(decoded.text).toBe('hé\n');
  });
});
