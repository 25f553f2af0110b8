import { CHAR, CJK, PUNCT, SKIP, SPACE, foldString, toTextUnits, type TextUnits } from './text-units';

/** A half-open range [start, end) of UTF-16 code units in the original text. */
export interface Span {
  start: number;
  end: number;
}

export interface AlignOptions {
  /** The tokenizer's unknown token; it stands for a whole pre-tokenised word. Default '[UNK]'. */
  unkToken?: string;
  /** Marks a word-piece that continues the previous piece. Default '##'. */
  subwordPrefix?: string;
  /**
   * Tokens that stand for no text. They get an empty span at the current position unless the text itself
   * contains them literally there (the tokenizer keeps a literal "[SEP]" in the text as that token).
   * Default ['[CLS]', '[SEP]', '[PAD]', '[MASK]'].
   */
  specialTokens?: string[];
}

interface Cursor {
  /** Index of the next unit to consume. */
  u: number;
  /** Characters of that unit's fold already consumed (a token may end inside a multi-character fold). */
  k: number;
}

interface Match {
  first: number;
  last: number;
  next: Cursor;
}

// How far (in code points) to look for the next token after one that cannot be matched. It bounds the cost
// of a run of unmatchable tokens while comfortably covering one odd word.
const RESYNC_LIMIT = 256;

/**
 * Character offsets for the tokens a BERT WordPiece tokenizer produced from `text`
 * (`tokenizer.tokenize(text)` in transformers.js, which returns no offset mapping).
 *
 * Pass the tokens without [CLS]/[SEP]; if special tokens are passed anyway they get empty spans (see
 * `specialTokens`). Returns one span per token, in order, never overlapping and never decreasing. Tokens
 * are compared with the text after folding case, accents and compatibility forms on both sides, so the
 * same function serves cased and uncased vocabularies. Characters the normaliser deletes (NUL, controls,
 * zero-width joiners, lone surrogates) are skipped, and are kept inside a span only when they sit between
 * its characters, which is why an [UNK] for a ZWJ emoji sequence covers the whole sequence.
 *
 * Never throws on any string. A token that matches nowhere at the current position (a tokenizer that
 * normalises in a way folding does not undo, or tokens from another text) degrades gracefully: it gets the
 * gap up to where the next token is found within RESYNC_LIMIT code points, or failing that the rest of the
 * current word, and alignment carries on from there.
 */
export function alignTokensToText(text: string, tokens: readonly string[], opts: AlignOptions = {}): Span[] {
  const unkToken = opts.unkToken ?? '[UNK]';
  const prefix = opts.subwordPrefix ?? '##';
  const specials = new Set(opts.specialTokens ?? ['[CLS]', '[SEP]', '[PAD]', '[MASK]']);
  const units = toTextUnits(String(text));
  const targets = tokens.map((token) => foldString(tokenBody(String(token), prefix)));
  const isPlain = tokens.map((token) => token !== unkToken && !specials.has(token));

  const spans: Span[] = [];
  let cur: Cursor = { u: 0, k: 0 };
  for (let i = 0; i < tokens.length; i++) {
    const token = String(tokens[i]);
    let match: Match | null = null;
    if (!isPlain[i]) {
      match = literalAt(text, units, cur, token);
      if (!match && token === unkToken) match = wordAt(units, cur);
      if (!match) {
        const at = positionOf(units, cur);
        spans.push({ start: at, end: at });
        continue;
      }
    } else if (targets[i] === '') {
      match = marksAt(units, cur);
    } else {
      match = foldedAt(units, cur, targets[i]);
      // Combining marks after a word character belong to its token unless the next token is made of marks
      // only. After punctuation or CJK they start the next word, as in the pre-tokeniser.
      if (
        match &&
        match.next.k === 0 &&
        units.kinds[match.last] === CHAR &&
        !(i + 1 < tokens.length && isPlain[i + 1] && targets[i + 1] === '')
      ) {
        while (match.next.u < units.count && isBareMark(units, match.next.u)) {
          match.last = match.next.u;
          match.next = { u: match.next.u + 1, k: 0 };
        }
      }
    }
    if (!match) match = resync(units, cur, i + 1 < tokens.length && isPlain[i + 1] ? targets[i + 1] : '');
    if (!match) {
      const at = positionOf(units, cur);
      spans.push({ start: at, end: at });
      continue;
    }
    spans.push(
      match.last < match.first
        ? { start: units.starts[match.first], end: units.starts[match.first] }
        : { start: units.starts[match.first], end: units.ends[match.last] },
    );
    cur = match.next;
  }
  return spans;
}

/** The token's text without the continuation prefix ("##ing" -> "ing"; a bare "##" stays "##"). */
export function tokenBody(token: string, subwordPrefix = '##'): string {
  return subwordPrefix && token.length > subwordPrefix.length && token.startsWith(subwordPrefix)
    ? token.slice(subwordPrefix.length)
    : token;
}

function positionOf(units: TextUnits, cur: Cursor): number {
  if (cur.u >= units.count) return units.count === 0 ? 0 : units.ends[units.count - 1];
  return units.starts[cur.u];
}

function isBareMark(units: TextUnits, u: number): boolean {
  return units.kinds[u] === CHAR && units.folds[u] === '';
}

/** Skips what separates tokens (spaces, deleted characters) when the cursor sits on a unit boundary. */
function skipSeparators(units: TextUnits, cur: Cursor): number {
  let u = cur.u;
  if (cur.k !== 0) return u;
  while (u < units.count && (units.kinds[u] === SKIP || units.kinds[u] === SPACE)) u++;
  return u;
}

/** Matches a folded token body starting at the cursor; spaces end a token, deleted characters do not. */
function foldedAt(units: TextUnits, cur: Cursor, target: string): Match | null {
  let u = skipSeparators(units, cur);
  let k = cur.k;
  let first = -1;
  let last = -1;
  let j = 0;
  while (j < target.length) {
    if (u >= units.count) return null;
    if (units.kinds[u] === SPACE) {
      // Spaces end a token, but may follow combining marks an accent-stripping normaliser deleted.
      if (first >= 0) return null;
      u++;
      continue;
    }
    const fold = units.folds[u];
    if (k >= fold.length) {
      // A deleted character or a bare combining mark inside the token: transparent.
      u++;
      k = 0;
      continue;
    }
    if (fold[k] !== target[j]) return null;
    if (first < 0) first = u;
    last = u;
    k++;
    j++;
    if (k === fold.length) {
      u++;
      k = 0;
    }
  }
  return { first, last, next: { u, k } };
}

/** A token made only of combining marks (e.g. "##\u0301") takes the run of bare marks at the cursor. */
function marksAt(units: TextUnits, cur: Cursor): Match | null {
  if (cur.k !== 0) return null;
  const first = skipSeparators(units, cur);
  let u = first;
  while (u < units.count && isBareMark(units, u)) u++;
  return u > first ? { first, last: u - 1, next: { u, k: 0 } } : null;
}

/** The token written literally in the text at the cursor (a special token typed by the user). */
function literalAt(text: string, units: TextUnits, cur: Cursor, token: string): Match | null {
  if (cur.k !== 0 || token === '') return null;
  let first = skipSeparators(units, cur);
  // Combining marks left over before the literal were deleted by an accent-stripping normaliser.
  while (first < units.count && (isBareMark(units, first) || units.kinds[first] === SKIP || units.kinds[first] === SPACE)) {
    if (text.startsWith(token, units.starts[first])) break;
    first++;
  }
  if (first >= units.count || !text.startsWith(token, units.starts[first])) return null;
  const end = units.starts[first] + token.length;
  let u = first;
  while (u < units.count && units.ends[u] <= end) u++;
  // A surrogate pair cut by the literal cannot be a real match.
  if (u < units.count && units.starts[u] < end) return null;
  return { first, last: u - 1, next: { u, k: 0 } };
}

/**
 * The pre-tokeniser's word at the cursor: one punctuation or CJK character, or a run of other characters
 * up to the next space, punctuation or CJK character (deleted characters inside the run do not end it).
 */
function wordAt(units: TextUnits, cur: Cursor): Match | null {
  let first = skipSeparators(units, cur);
  // A word made only of combining marks vanishes under an accent-stripping normaliser, and a cased
  // tokenizer emits a token for it (matched before any [UNK]), so an [UNK] never stands for one: skip it,
  // unless nothing follows.
  for (;;) {
    let u = first;
    while (u < units.count && (isBareMark(units, u) || units.kinds[u] === SKIP)) u++;
    if (u === first || u >= units.count || units.kinds[u] === CHAR) break;
    const after = skipSeparators(units, { u, k: 0 });
    if (after >= units.count) break;
    first = after;
  }
  if (first >= units.count) return null;
  const kind = units.kinds[first];
  if (kind === PUNCT || kind === CJK) return { first, last: first, next: { u: first + 1, k: 0 } };
  let last = first;
  for (let u = first + 1; u < units.count; u++) {
    const k = units.kinds[u];
    if (k === CHAR) last = u;
    else if (k !== SKIP) break;
  }
  return { first, last, next: { u: last + 1, k: 0 } };
}

/**
 * Fallback for a token that does not match at the cursor: find where the following token matches and give
 * this one the gap before it; if the following token is not found nearby either, give it the word at the
 * cursor. Either way the cursor moves on, so one bad token cannot derail the rest.
 */
function resync(units: TextUnits, cur: Cursor, nextTarget: string): Match | null {
  const first = skipSeparators(units, cur);
  if (nextTarget !== '') {
    const limit = Math.min(units.count, first + RESYNC_LIMIT);
    for (let q = first; q < limit; q++) {
      if (units.kinds[q] === SKIP || units.kinds[q] === SPACE) continue;
      if (!foldedAt(units, { u: q, k: 0 }, nextTarget)) continue;
      let last = q - 1;
      while (last >= first && (units.kinds[last] === SPACE || units.kinds[last] === SKIP)) last--;
      // last < first means an empty gap: the caller turns it into an empty span at `first`.
      return { first, last, next: { u: q, k: 0 } };
    }
  }
  return wordAt(units, cur);
}
