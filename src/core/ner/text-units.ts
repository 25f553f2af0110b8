/**
 * The original text seen the way a BERT tokenizer (BertNormalizer + BertPreTokenizer, as in
 * transformers.js 4.3 / @huggingface/tokenizers 0.2) sees it, one entry per code point, each remembering
 * where it sits in the original string. Token alignment walks these units instead of the raw string so that
 * characters the normaliser deletes, and the word boundaries the pre-tokeniser draws, are known exactly.
 */

/** Deleted by the normaliser (NUL, U+FFFD, control, format, private-use, lone surrogates). */
export const SKIP = 0;
/** Whitespace: separates words and never belongs to a token. */
export const SPACE = 1;
/** A punctuation character: always a word of its own. */
export const PUNCT = 2;
/** A CJK ideograph: the normaliser puts spaces around it, so it is a word of its own. */
export const CJK = 3;
/** Anything else: part of a word. */
export const CHAR = 4;

export type UnitKind = typeof SKIP | typeof SPACE | typeof PUNCT | typeof CJK | typeof CHAR;

export interface TextUnits {
  /** UTF-16 index where each unit starts in the original text. */
  starts: Int32Array;
  /** UTF-16 index just past each unit (start + 1 or start + 2 for a surrogate pair). */
  ends: Int32Array;
  kinds: Uint8Array;
  /** Case-, accent- and compatibility-folded form (see `foldCodePoint`); '' for SKIP and SPACE units. */
  folds: string[];
  count: number;
  /** Filled lazily by the aligner: where a run of words made only of combining marks ends. */
  markWordSkip?: Int32Array;
}

// BertNormalizer.is_control in transformers.js tests /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u on one code point,
// which (whatever the precedence) amounts to membership in one of these four categories; tab, newline and
// carriage return are exempt and become spaces instead.
const DELETED_CATEGORY = /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;
// BertPreTokenizer's punctuation: Unicode P* plus every ASCII symbol ($ + < = > ^ ` | ~ are S* in Unicode).
const PUNCTUATION = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
const NONSPACING_MARK = /\p{Mn}/gu;

/**
 * The ranges of BertNormalizer's is_chinese_char. transformers.js applies it to UTF-16 code units, so an
 * ideograph outside the BMP (CJK Extension B and later) is never spaced off and stays inside its word; we
 * reproduce that, because the [UNK] span depends on where the word ends.
 */
function isCjkCodeUnit(cu: number): boolean {
  return (cu >= 0x4e00 && cu <= 0x9fff) || (cu >= 0x3400 && cu <= 0x4dbf) || (cu >= 0xf900 && cu <= 0xfaff);
}

function kindOf(ch: string): UnitKind {
  const cu = ch.charCodeAt(0);
  if (ch === '\t' || ch === '\n' || ch === '\r') return SPACE;
  if (cu === 0 || cu === 0xfffd || DELETED_CATEGORY.test(ch)) return SKIP;
  if (/^\s$/.test(ch)) return SPACE;
  if (PUNCTUATION.test(ch)) return PUNCT;
  if (isCjkCodeUnit(cu)) return CJK;
  return CHAR;
}

const foldCache = new Map<string, string>();

/**
 * Folds one code point so that a token and the text it came from compare equal whatever the model's
 * normaliser did: lower-cased (uncased models), compatibility-decomposed (NFKD normalisers) and stripped of
 * combining marks (strip_accents). Folding code point by code point on both sides, and treating final sigma
 * as sigma, avoids the context-dependent mapping String.toLowerCase applies to whole strings.
 */
export function foldCodePoint(ch: string): string {
  const cu = ch.charCodeAt(0);
  if (ch.length === 1 && cu < 0x80) return cu >= 65 && cu <= 90 ? String.fromCharCode(cu + 32) : ch;
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = ch.toLowerCase().normalize('NFKD').replace(NONSPACING_MARK, '');
    // An uncased tokenizer lower-cases whole strings, turning a word-final capital sigma into final sigma.
    if (folded === '\u03c2') folded = '\u03c3';
    if (foldCache.size < 20_000) foldCache.set(ch, folded);
  }
  return folded;
}

/** Folds a token string code point by code point (see `foldCodePoint`). */
export function foldString(s: string): string {
  let out = '';
  for (const ch of s) out += foldCodePoint(ch);
  return out;
}

export function toTextUnits(text: string): TextUnits {
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const kinds = new Uint8Array(text.length);
  const folds: string[] = [];
  let count = 0;
  let index = 0;
  // for...of yields code points, and a lone surrogate as a one-unit string, exactly like the normaliser.
  for (const ch of text) {
    const kind = kindOf(ch);
    starts[count] = index;
    ends[count] = index + ch.length;
    kinds[count] = kind;
    folds.push(kind === SKIP || kind === SPACE ? '' : foldCodePoint(ch));
    index += ch.length;
    count++;
  }
  return { starts, ends, kinds, folds, count };
}
