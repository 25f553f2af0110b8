import { describe, expect, it } from 'vitest';
import { parseJsonl } from './jsonl';
import { EmptyInputError, TooManyItemsError } from './text';

describe('parseJsonl', () => {
  it('keeps good lines and reports bad ones with 1-based line numbers', () => {
    const text = [
      '{"text": "Mary flew to Nairobi."}',
      '',
      '{"text": "broken',
      '{"id": 4}',
      '{"text": 42}',
      '["not", "an", "object"]',
      '{"text": "   "}',
      '{"text": "New York", "id": 8}',
    ].join('\n');
    const { items, errors, omittedErrors } = parseJsonl(text);
    expect(items).toEqual(['Mary flew to Nairobi.', 'New York']);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0].message).toMatch(/^Line 3 is not valid JSON/);
    expect(errors[1].message).toBe('Line 4 has no "text" field (it has "id"); choose the field that holds the text.');
    expect(errors[2].message).toBe('Line 5 has "text" as a number; it must be a string.');
    expect(errors[3].message).toMatch(/^Line 6 is an array, not an object/);
    expect(errors[4].message).toMatch(/^Line 7 has an empty "text"/);
    expect(omittedErrors).toBe(0);
  });

  it('reads another field, CRLF endings and a BOM', () => {
    const { items, errors } = parseJsonl('\uFEFF{"sentence": "a"}\r\n{"sentence": "b"}\r\n', 'sentence');
    expect(items).toEqual(['a', 'b']);
    expect(errors).toEqual([]);
  });

  it('does not split inside a string holding U+2028', () => {
    expect(parseJsonl('{"text": "a\u2028b"}').items).toEqual(['a\u2028b']);
  });

  it('hints at a JSON array pasted as JSONL', () => {
    const { errors } = parseJsonl('[\n{"text": "a"},\n]');
    expect(errors[0].message).toMatch(/one JSON array; JSONL needs one object per line/);
  });

  it('lists at most maxErrors bad lines and counts the rest', () => {
    const text = Array.from({ length: 25 }, () => 'nope').join('\n');
    const { items, errors, omittedErrors } = parseJsonl(text, 'text', { maxErrors: 10 });
    expect([items.length, errors.length, omittedErrors]).toEqual([0, 10, 15]);
    expect(errors[9].line).toBe(10);
  });

  it('applies the empty and item-count limits', () => {
    expect(() => parseJsonl('\n  \n')).toThrow(EmptyInputError);
    expect(() => parseJsonl('{"text":"a"}\n{"text":"b"}\n{"text":"c"}', 'text', { maxItems: 2 })).toThrow(
      TooManyItemsError,
    );
    expect(() => parseJsonl('{"text":"a"}', '')).toThrow(/field name must be a non-empty string/);
  });
});
