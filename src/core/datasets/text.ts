/**
 * Turning pasted or loaded text into dataset items (one string each), with limits that fail loudly instead
 * of dropping anything. The error classes here are shared by the other parsers in this folder.
 */

import { CodedError } from '../errors';

export type DatasetErrorCode = 'EMPTY_INPUT' | 'TOO_MANY_ITEMS' | 'INPUT_TOO_LARGE' | 'NOT_TEXT' | 'BAD_OPTION';

export class DatasetError extends CodedError<DatasetErrorCode> {
  override name = 'DatasetError';
}

export class EmptyInputError extends DatasetError {
  override name = 'EmptyInputError';

  constructor(what = 'The input') {
    super('EMPTY_INPUT', `${what} is empty or only whitespace. Paste some text, or choose a file that has some.`);
  }
}

export class TooManyItemsError extends DatasetError {
  override name = 'TooManyItemsError';

  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super(
      'TOO_MANY_ITEMS',
      `The input holds ${count.toLocaleString('en-US')} items, more than the limit of ${limit.toLocaleString('en-US')}. ` +
        'Split it into smaller files, or raise the item limit.',
    );
  }
}

export class InputTooLargeError extends DatasetError {
  override name = 'InputTooLargeError';

  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      'INPUT_TOO_LARGE',
      `The input is ${formatBytes(bytes)}, more than the limit of ${formatBytes(limit)}. Split it into smaller files, or raise the size limit.`,
    );
  }
}

export interface DatasetLimits {
  /** Most items one input may produce. */
  maxItems?: number;
  /** Largest input, in bytes (UTF-8 bytes for text that is already decoded). */
  maxBytes?: number;
}

export const DEFAULT_LIMITS: Readonly<Required<DatasetLimits>> = Object.freeze({
  maxItems: 200_000,
  maxBytes: 50 * 1024 * 1024,
});

export type SplitMode = 'lines' | 'sentences';

/**
 * Items from text: one per non-blank line (`lines`), or one per sentence (`sentences`, see
 * `splitSentences`). Items are trimmed; blank lines separate items and are not items themselves.
 * @throws EmptyInputError, InputTooLargeError, TooManyItemsError
 */
export function splitIntoItems(text: string, mode: SplitMode, limits: DatasetLimits = {}): string[] {
  if (mode !== 'lines' && mode !== 'sentences') {
    throw new DatasetError('BAD_OPTION', `Unknown split mode "${String(mode)}"; use "lines" or "sentences".`);
  }
  checkText(text, limits);
  const items = mode === 'lines' ? nonBlankLines(text) : splitSentences(text);
  checkItemCount(items.length, limits);
  return items;
}

/** One item per non-blank line, trimmed. @throws like splitIntoItems */
export function parseTextLines(text: string, limits: DatasetLimits = {}): string[] {
  return splitIntoItems(text, 'lines', limits);
}

/** Throws EmptyInputError or InputTooLargeError for text no parser should read. */
export function checkText(text: string, limits: DatasetLimits = {}): void {
  const maxBytes = limitOf(limits.maxBytes, DEFAULT_LIMITS.maxBytes, 'maxBytes');
  const bytes = utf8Length(text);
  if (bytes > maxBytes) throw new InputTooLargeError(bytes, maxBytes);
  if (text.trim() === '') throw new EmptyInputError();
}

export function checkItemCount(count: number, limits: DatasetLimits = {}): void {
  const maxItems = limitOf(limits.maxItems, DEFAULT_LIMITS.maxItems, 'maxItems');
  if (count > maxItems) throw new TooManyItemsError(count, maxItems);
}

export function limitOf(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new DatasetError('BAD_OPTION', `The ${name} limit must be a positive whole number, got ${value}.`);
  }
  return value;
}

const NEWLINE = /\r\n|\n|\r|\u2028|\u2029/;

function nonBlankLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(NEWLINE)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Words that end with a period without ending a sentence (compared lower-cased, without the period).
 * English only: titles, common Latin and business abbreviations, months.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'rev',
  'hon',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'capt',
  'cmdr',
  'sgt',
  'pres',
  'vs',
  'etc',
  'cf',
  'al',
  'approx',
  'dept',
  'est',
  'fig',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'nos',
  'vol',
  'pp',
  'p',
  'ch',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'ave',
  'blvd',
  'rd',
]);

// A run of terminators with any closing quotes or brackets, then whitespace: a candidate sentence end.
// CJK full stops end a sentence without needing a space after them.
const CANDIDATE_END =
  /[.!?\u2026]+["'\u201D\u2019\u00BB)\]]*(?=\s)|[\u3002\uFF01\uFF1F]+["'\u201D\u2019\u300D\u300F)]*/gu;

/**
 * Rule-based sentence splitting: a sentence ends at a line break, or at . ! ? … (and closing quotes or
 * brackets) followed by whitespace, and at CJK full stops. A period does not end a sentence after a known
 * abbreviation ("Mr.", "etc."), a single-letter initial ("J. R. R. Tolkien"), or a dotted acronym
 * ("U.S.", "e.g."), nor when the next word starts with a lower-case letter ("3 p.m. today").
 *
 * Limits, by design of a small rule set: a sentence that really ends with an acronym or abbreviation
 * ("...moved to the U.S. Then...") is joined to the next one; abbreviations are English only; a line
 * break always ends a sentence, so hard-wrapped paragraphs split at every line.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of nonBlankLines(text)) {
    let start = 0;
    for (const match of line.matchAll(CANDIDATE_END)) {
      const end = (match.index ?? 0) + match[0].length;
      if (!endsSentence(line, match.index ?? 0, match[0], end)) continue;
      const sentence = line.slice(start, end).trim();
      if (sentence !== '') sentences.push(sentence);
      start = end;
    }
    const rest = line.slice(start).trim();
    if (rest !== '') sentences.push(rest);
  }
  return sentences;
}

function endsSentence(line: string, at: number, terminators: string, end: number): boolean {
  const next = line.slice(end).trimStart();
  if (/^\p{Ll}/u.test(next)) return false;
  if (!/^\.["'\u201D\u2019\u00BB)\]]*$/u.test(terminators)) return true;
  // A lone period: look at the word it closes.
  const word = /(\S+)$/u.exec(line.slice(0, at))?.[1] ?? '';
  const bare = word.replace(/^["'\u201C\u2018\u00AB([]+/u, '');
  if (ABBREVIATIONS.has(bare.toLowerCase())) return false;
  if (/^\p{L}$/u.test(bare)) return false;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) return false;
  return true;
}

/** UTF-8 length of a JS string without encoding it (lone surrogates count as the 3-byte U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const cu = text.charCodeAt(i);
    if (cu < 0x80) bytes += 1;
    else if (cu < 0x800) bytes += 2;
    else if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
