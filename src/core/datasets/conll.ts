/**
 * Parsers for the two NER corpora the project benchmarks on, as found in ../shared/data:
 * - CoNLL-2003: `token POS chunk NER` separated by single spaces, `-DOCSTART- -X- -X- O` between
 *   documents, a blank line between sentences.
 * - WNUT-17: `token<TAB>tag`; sentences are separated by a blank line or, in the train file, by a line
 *   holding a single TAB (2,394 of them), which a naive "blank line" check misses.
 * Both tolerate CRLF line ends and a leading BOM. Malformed lines are collected with their line numbers
 * and reported together, so a broken file is fixed in one pass rather than one error at a time.
 */

import { CodedError } from '../errors';

/** One sentence with one tag per token. */
export interface TaggedSentence {
  tokens: string[];
  tags: string[];
  /** Index of the document (counted by -DOCSTART- lines, from 0), for CoNLL-2003 only. */
  docId?: number;
}

/** A line that does not follow the format. */
export interface ParseProblem {
  /** 1-based line number. */
  line: number;
  message: string;
}

export type ConllErrorCode = 'MALFORMED_LINES' | 'NO_SENTENCES';

/** Thrown when a corpus file has malformed lines (all listed in `problems`) or no sentence at all. */
export class ConllParseError extends CodedError<ConllErrorCode> {
  override readonly name = 'ConllParseError';
  readonly problems: ParseProblem[];

  constructor(code: ConllErrorCode, message: string, problems: ParseProblem[] = []) {
    super(code, message);
    this.problems = problems;
  }
}

/** Options shared by both parsers. */
export interface ParseOptions {
  /** Used in error messages, e.g. the file name. */
  source?: string;
}

const TAG = /^(O|[BI]-[A-Za-z][A-Za-z_-]*)$/;
const SHOWN_PROBLEMS = 5;

/** Parses CoNLL-2003 text (4 space-separated columns; the NER tag is the last). */
export function parseConll2003(text: string, options: ParseOptions = {}): TaggedSentence[] {
  let docId = -1;
  return parseLines(text, options, 'CoNLL-2003', (line, sentence) => {
    if (line.startsWith('-DOCSTART-')) {
      docId++;
      return { kind: 'break' };
    }
    const columns = line.trim().split(/\s+/);
    if (columns.length !== 4) {
      return { kind: 'problem', message: `expected 4 columns (token POS chunk NER), found ${columns.length}` };
    }
    sentence.docId = docId >= 0 ? docId : undefined;
    return { kind: 'token', token: columns[0], tag: columns[3] };
  });
}

/** Parses WNUT-17 text (token TAB tag; a line with only a TAB also ends a sentence). */
export function parseWnut17(text: string, options: ParseOptions = {}): TaggedSentence[] {
  return parseLines(text, options, 'WNUT-17', (line) => {
    const columns = line.split('\t');
    if (columns.length !== 2) {
      return { kind: 'problem', message: `expected 2 TAB-separated columns (token, tag), found ${columns.length}` };
    }
    const [token, tag] = columns;
    if (token.trim() === '') return { kind: 'problem', message: 'the token is empty' };
    return { kind: 'token', token, tag: tag.trim() };
  });
}

type LineResult =
  { kind: 'token'; token: string; tag: string } | { kind: 'break' } | { kind: 'problem'; message: string };

function parseLines(
  text: string,
  options: ParseOptions,
  format: string,
  readLine: (line: string, sentence: TaggedSentence) => LineResult,
): TaggedSentence[] {
  const source = options.source ?? `${format} text`;
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const sentences: TaggedSentence[] = [];
  const problems: ParseProblem[] = [];
  let current: TaggedSentence = { tokens: [], tags: [] };
  const close = (): void => {
    if (current.tokens.length > 0) {
      if (current.docId === undefined) delete current.docId;
      sentences.push(current);
    }
    current = { tokens: [], tags: [] };
  };
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Blank and whitespace-only lines (WNUT-17's lone TAB) separate sentences.
    if (line.trim() === '') {
      close();
      return;
    }
    const result = readLine(line, current);
    if (result.kind === 'break') close();
    else if (result.kind === 'problem') problems.push({ line: index + 1, message: result.message });
    else if (!TAG.test(result.tag)) {
      problems.push({ line: index + 1, message: `"${result.tag}" is not an IOB tag (O, B-TYPE or I-TYPE)` });
    } else {
      current.tokens.push(result.token);
      current.tags.push(result.tag);
    }
  });
  close();
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `line ${p.line}: ${p.message}`);
    const more = problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : '';
    throw new ConllParseError(
      'MALFORMED_LINES',
      `${source} is not valid ${format}: ${problems.length} malformed line(s). ${shown.join('; ')}${more}.`,
      problems,
    );
  }
  if (sentences.length === 0) {
    throw new ConllParseError('NO_SENTENCES', `${source} holds no ${format} sentence: is it the right file?`);
  }
  return sentences;
}
