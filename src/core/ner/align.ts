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
// How many [UNK]s in a row the reading of an ambiguous one looks through before assuming the rest fits.
const MAX_UNK_LOOKAHEAD = 32;

/**
 * Character offsets for the tokens a BERT WordPiece tokenizer produced from `text`
 * (`tokenizer.tokenize(text)` in transformers.js, which returns no offset mapping).
 *
 * Pass the tokens without [CLS]/[SEP]; if special tokens are passed anyway they get empty spans (see
 * `specialTokens`). Returns one span per token, in order and never decreasing; spans overlap only when a
 * tokenizer splits one character's compatibility decomposition ("\uFB01" -> "f", "##i"). Tokens
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

  // Whether tokens j, j+1, ... can follow from `at`, looking through a run of [UNK]s (each may have two
  // readings) up to the next ordinary token. Memoised per (token, position), so a run costs linear time.
  const fitsMemo = new Map<number, boolean>();
  const fitsAt = (j: number, at: Cursor, depth = 0): boolean => {
    if (j >= tokens.length) return onlySeparatorsFrom(units, at);
    if (depth >= MAX_UNK_LOOKAHEAD || at.k !== 0) return true;
    if (isPlain[j]) return targets[j] === '' || foldedAt(units, at, targets[j]) !== null;
    if (tokens[j] !== unkToken) {
      // A special token fits where the text spells it, or anywhere if the text never does (a placeholder).
      if (literalAt(text, units, at, tokens[j], true)) return true;
      return !text.includes(tokens[j], positionOf(units, at)) && fitsAt(j + 1, at, depth + 1);
    }
    const key = j * (units.count + 1) + at.u;
    let fits = fitsMemo.get(key);
    if (fits === undefined) {
      fits = unknownReadings(text, units, at, unkToken).some((m) => fitsAt(j + 1, m.next, depth + 1));
      fitsMemo.set(key, fits);
    }
    return fits;
  };

  const spans: Span[] = [];
  let cur: Cursor = { u: 0, k: 0 };
  for (let i = 0; i < tokens.length; i++) {
    const token = String(tokens[i]);
    let match: Match | null;
    if (token === unkToken) {
      match = unknownAt(text, units, cur, unkToken, (next) => fitsAt(i + 1, next));
    } else if (!isPlain[i]) {
      match = literalAt(text, units, cur, token, true);
    } else if (targets[i] === '') {
      // When no bare mark is left, the marks were composed into the previous character (an NFD normaliser
      // splitting a precomposed letter): the token gets an empty span there.
      match = marksAt(units, cur, [...tokenBody(token, prefix)].length);
    } else {
      match = foldedAt(units, cur, targets[i]);
      if (match && !(i + 1 < tokens.length && isPlain[i + 1] && targets[i + 1] === '')) absorbMarks(units, match);
      match ??= resync(units, cur, i + 1 < tokens.length && isPlain[i + 1] ? targets[i + 1] : '');
    }
    if (!match) {
      const at = positionOf(units, cur);
      spans.push({ start: at, end: at });
      continue;
    }
    const start = units.starts[match.first];
    spans.push({ start, end: match.last < match.first ? start : units.ends[match.last] });
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

/**
 * Combining marks right after a word character belong to its token (unless the next token is made of
 * marks only, which the caller checks). After punctuation or CJK they start the next word instead, as in
 * the pre-tokeniser.
 */
function absorbMarks(units: TextUnits, match: Match): void {
  if (match.next.k !== 0 || units.kinds[match.last] !== CHAR) return;
  while (match.next.u < units.count && isBareMark(units, match.next.u)) {
    match.last = match.next.u;
    match.next = { u: match.next.u + 1, k: 0 };
  }
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

/** A token made only of combining marks (e.g. "##\u0301") takes as many bare marks as it holds. */
function marksAt(units: TextUnits, cur: Cursor, marks: number): Match | null {
  if (cur.k !== 0) return null;
  const first = skipSeparators(units, cur);
  let u = first;
  while (u < units.count && u - first < marks && isBareMark(units, u)) u++;
  return u > first ? { first, last: u - 1, next: { u, k: 0 } } : null;
}

function onlySeparatorsFrom(units: TextUnits, cur: Cursor): boolean {
  for (let u = cur.k === 0 ? cur.u : cur.u + 1; u < units.count; u++) {
    if (units.kinds[u] !== SKIP && units.kinds[u] !== SPACE && !isBareMark(units, u)) return false;
  }
  return true;
}

/**
 * What an [UNK] may stand for, most likely first: the literal text "[UNK]", or a pre-tokenised word. A word
 * made only of combining marks (a stray variation selector, say) is ambiguous: a cased tokenizer turns it
 * into an [UNK] of its own, an accent-stripping one deletes it, and then the [UNK] is what follows.
 */
function unknownReadings(text: string, units: TextUnits, cur: Cursor, unkToken: string): Match[] {
  const readings: Match[] = [];
  for (const match of [
    literalAt(text, units, cur, unkToken, false),
    wordAt(units, cur, false),
    literalAt(text, units, cur, unkToken, true),
    wordAt(units, cur, true),
  ]) {
    if (match && !readings.some((r) => r.next.u === match.next.u && r.first === match.first)) readings.push(match);
  }
  return readings;
}

/** The first reading of an [UNK] after which the rest of the tokens fit, else the most likely one. */
function unknownAt(
  text: string,
  units: TextUnits,
  cur: Cursor,
  unkToken: string,
  nextFits: (at: Cursor) => boolean,
): Match | null {
  const readings = unknownReadings(text, units, cur, unkToken);
  return readings.find((m) => nextFits(m.next)) ?? readings[0] ?? null;
}

/**
 * The token written literally in the text at the cursor (a special token typed by the user). With
 * `skipMarks`, combining marks before it are passed over, as an accent-stripping normaliser deletes them.
 */
function literalAt(text: string, units: TextUnits, cur: Cursor, token: string, skipMarks: boolean): Match | null {
  if (cur.k !== 0 || token === '') return null;
  let first = skipSeparators(units, cur);
  if (skipMarks && first < units.count && !text.startsWith(token, units.starts[first]))
    first = skipMarkWordsFrom(units, first);
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
function wordAt(units: TextUnits, cur: Cursor, skipMarkWords: boolean): Match | null {
  let first = skipSeparators(units, cur);
  if (skipMarkWords) first = skipMarkWordsFrom(units, first);
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
 * Where the first word that is not made only of combining marks starts, from word start `first` (such
 * words vanish under an accent-stripping normaliser); the last of them if nothing else follows. Cached
 * per text, so a long run of them costs linear time however often it is asked.
 */
function skipMarkWordsFrom(units: TextUnits, first: number): number {
  const cache = (units.markWordSkip ??= new Int32Array(units.count).fill(-1));
  const path: number[] = [];
  let at = first;
  while (at < units.count) {
    if (cache[at] >= 0) {
      at = cache[at];
      break;
    }
    path.push(at);
    let u = at;
    while (u < units.count && (isBareMark(units, u) || units.kinds[u] === SKIP)) u++;
    if (u === at || u >= units.count || units.kinds[u] === CHAR) break;
    const after = skipSeparators(units, { u, k: 0 });
    if (after >= units.count) break;
    at = after;
  }
  for (const p of path) cache[p] = at;
  return at;
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
  return wordAt(units, cur, true);
}
