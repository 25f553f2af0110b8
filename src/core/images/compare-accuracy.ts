import { characterErrorRate, diffChars, type DiffPart } from '../ocr/cer';
import type { OcrCompareEntry } from './compare-series';

/**
 * How accurate each mode of the OCR comparison was, and where the modes' texts differ. An image's text
 * is its lines joined by newlines. CER is measured against the text the user said the image holds
 * (the reference) when there is one; otherwise against the unpadded run, which is the same models with
 * no padding at all, so the rate then measures what padding changed, not how right the text is.
 */

export type CompareMode = 'bucketed' | 'padToMax' | 'unpadded';

export interface ModeCer {
  errors: number;
  chars: number;
  /** errors / chars; null when the base text is empty but the mode read something. */
  cer: number | null;
}

export interface ImageAccuracy {
  /** What the rates are measured against. */
  against: 'reference' | 'unpadded';
  bucketed: ModeCer;
  padToMax: ModeCer;
  /** Only against a reference (against itself it would be 0 by definition). */
  unpadded: ModeCer | null;
}

/** A line where the modes (or a mode and the reference) do not read the same. */
export interface LineDifference {
  /** 1-based position in reading order. */
  line: number;
  against: 'reference' | 'unpadded';
  /** The base text of this line: the reference's line or the unpadded run's. */
  base: string;
  texts: Record<CompareMode, string>;
  /** Each mode's line against the base, character by character; only modes that differ from it. */
  diffs: Partial<Record<CompareMode, DiffPart[]>>;
}

/** The reference's lines: split on newlines, spaces at the ends dropped, blank lines left out. */
export function referenceLines(reference: string | null | undefined): string[] {
  if (!reference) return [];
  return reference
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function cerOf(hypothesis: string, base: string): ModeCer {
  const { errors, referenceChars, cer } = characterErrorRate([{ hypothesis, reference: base }]);
  return { errors, chars: referenceChars, cer };
}

/**
 * One read of one image against its known text, for the image's card: the recognised lines joined the
 * way the comparison joins them. Null when there is no known text (blank lines only count as none).
 */
export function readingAccuracy(texts: readonly string[], reference: string | null | undefined): ModeCer | null {
  const lines = referenceLines(reference);
  return lines.length === 0 ? null : cerOf(texts.join('\n'), lines.join('\n'));
}

export function imageAccuracy(entry: OcrCompareEntry): ImageAccuracy {
  const reference = referenceLines(entry.reference);
  const text = (lines: readonly string[]) => lines.join('\n');
  if (reference.length > 0) {
    const base = text(reference);
    return {
      against: 'reference',
      bucketed: cerOf(text(entry.bucketed.texts), base),
      padToMax: cerOf(text(entry.padToMax.texts), base),
      unpadded: cerOf(text(entry.unpadded.texts), base),
    };
  }
  const base = text(entry.unpadded.texts);
  return {
    against: 'unpadded',
    bucketed: cerOf(text(entry.bucketed.texts), base),
    padToMax: cerOf(text(entry.padToMax.texts), base),
    unpadded: null,
  };
}

/** Pooled rates over several images (summed errors over summed characters). */
export interface AccuracySummary {
  /** Images with a reference text, and each mode's CER against those references; null when none has one. */
  vsReference: { images: number; bucketed: ModeCer; padToMax: ModeCer; unpadded: ModeCer } | null;
  /** Every image: bucketed and pad-to-max against the unpadded run. */
  vsUnpadded: { images: number; bucketed: ModeCer; padToMax: ModeCer };
}

function pool(parts: readonly ModeCer[]): ModeCer {
  const errors = parts.reduce((n, p) => n + p.errors, 0);
  const chars = parts.reduce((n, p) => n + p.chars, 0);
  return { errors, chars, cer: chars > 0 ? errors / chars : errors === 0 ? 0 : null };
}

export function accuracySummary(entries: readonly OcrCompareEntry[]): AccuracySummary {
  const withReference = entries.filter((e) => referenceLines(e.reference).length > 0).map(imageAccuracy);
  const vsUnpadded = entries.map((e) => imageAccuracy({ ...e, reference: null }));
  return {
    vsReference:
      withReference.length === 0
        ? null
        : {
            images: withReference.length,
            bucketed: pool(withReference.map((a) => a.bucketed)),
            padToMax: pool(withReference.map((a) => a.padToMax)),
            unpadded: pool(withReference.map((a) => a.unpadded!)),
          },
    vsUnpadded: {
      images: entries.length,
      bucketed: pool(vsUnpadded.map((a) => a.bucketed)),
      padToMax: pool(vsUnpadded.map((a) => a.padToMax)),
    },
  };
}

/**
 * The lines of one image where any mode reads differently from the base (the reference's line when
 * there is a reference, else the unpadded run's), with character diffs. Lines are matched by position;
 * a mode that found fewer lines has an empty string there, so a missing line shows as all removed.
 */
export function lineDifferences(entry: OcrCompareEntry): LineDifference[] {
  const reference = referenceLines(entry.reference);
  const against = reference.length > 0 ? 'reference' : 'unpadded';
  const baseLines = against === 'reference' ? reference : entry.unpadded.texts;
  const count = Math.max(
    baseLines.length,
    entry.bucketed.texts.length,
    entry.padToMax.texts.length,
    entry.unpadded.texts.length,
  );
  const out: LineDifference[] = [];
  for (let i = 0; i < count; i++) {
    const base = baseLines[i] ?? '';
    const texts: Record<CompareMode, string> = {
      bucketed: entry.bucketed.texts[i] ?? '',
      padToMax: entry.padToMax.texts[i] ?? '',
      unpadded: entry.unpadded.texts[i] ?? '',
    };
    const diffs: Partial<Record<CompareMode, DiffPart[]>> = {};
    for (const mode of ['bucketed', 'padToMax', 'unpadded'] as const) {
      if (mode === 'unpadded' && against === 'unpadded') continue;
      if (texts[mode] !== base) diffs[mode] = diffChars(base, texts[mode]);
    }
    if (Object.keys(diffs).length > 0) out.push({ line: i + 1, against, base, texts, diffs });
  }
  return out;
}
