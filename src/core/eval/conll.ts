// Reads CoNLL-2003 style files: one token a line with the NER tag in the last column, a blank line
// between sentences, "-DOCSTART-" lines between documents.

export type ConllParseErrorCode = 'BAD_LINE';

export class ConllParseError extends Error {
  override readonly name = 'ConllParseError';
  constructor(
    readonly code: ConllParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ConllSentence {
  readonly words: string[];
  readonly tags: string[];
  /** Index of the -DOCSTART- document the sentence belongs to (0 when the file has none). */
  readonly doc: number;
}

export function parseConll(text: string): ConllSentence[] {
  const sentences: ConllSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  let doc = -1;
  const flush = (): void => {
    if (words.length > 0) sentences.push({ words, tags, doc: Math.max(doc, 0) });
    words = [];
    tags = [];
  };
  text.split(/\r?\n/).forEach((line, lineIndex) => {
    const columns = line.trim().split(/\s+/);
    if (line.trim() === '') {
      flush();
    } else if (columns[0] === '-DOCSTART-') {
      flush();
      doc += 1;
    } else if (columns.length < 2) {
      throw new ConllParseError(
        'BAD_LINE',
        `line ${lineIndex + 1} ("${line}") has no tag column; expected "token ... TAG" separated by spaces`,
      );
    } else {
      words.push(columns[0]);
      tags.push(columns[columns.length - 1]);
    }
  });
  flush();
  return sentences;
}
