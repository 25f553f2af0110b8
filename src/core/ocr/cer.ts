/**
 * Character error rate and a character-level diff, for comparing OCR output with a reference text or
 * with the output of another mode. Characters are Unicode code points (so an emoji or a CJK character
 * outside the BMP counts once), compared exactly: a missing space is an error like any other.
 */

/** One run of the alignment: `same` text in both, or what `a` has (`removed`) and `b` has (`added`) instead. */
export type DiffPart =
  { kind: 'same'; text: string } | { kind: 'removed'; text: string } | { kind: 'added'; text: string };

/** Levenshtein distance in code points (insertions, deletions and substitutions all cost 1). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    previous = current;
  }
  return previous[y.length];
}

export interface CerTotals {
  /** Summed edit distances. */
  errors: number;
  /** Summed reference lengths in code points. */
  referenceChars: number;
  /** errors / referenceChars; null when there are no reference characters but there are errors. */
  cer: number | null;
}

/**
 * Corpus-level CER: the summed edit distances of (hypothesis, reference) pairs divided by the summed
 * reference lengths, so long lines weigh more than short ones (the usual definition, not a mean of
 * per-line rates). With no reference characters the rate is undefined: null, unless there are no errors.
 */
export function characterErrorRate(pairs: readonly { hypothesis: string; reference: string }[]): CerTotals {
  let errors = 0;
  let referenceChars = 0;
  for (const { hypothesis, reference } of pairs) {
    errors += editDistance(hypothesis, reference);
    referenceChars += [...reference].length;
  }
  return { errors, referenceChars, cer: referenceChars > 0 ? errors / referenceChars : errors === 0 ? 0 : null };
}

/**
 * A minimal character diff from `a` to `b` (the same alignment editDistance counts), merged into runs.
 * Substitutions come out as a removed run followed by an added run. Rendered as text by the UI, never as
 * HTML, since either side may hold anything the image said.
 */
export function diffChars(a: string, b: string): DiffPart[] {
  const x = [...a];
  const y = [...b];
  const cols = y.length + 1;
  const cost = new Uint32Array((x.length + 1) * cols);
  for (let i = 0; i <= x.length; i++) cost[i * cols] = i;
  for (let j = 0; j <= y.length; j++) cost[j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const substitution = cost[(i - 1) * cols + j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      cost[i * cols + j] = Math.min(substitution, cost[(i - 1) * cols + j] + 1, cost[i * cols + j - 1] + 1);
    }
  }
  // Walk back from the end, preferring a match, then a substitution, then deletion, then insertion.
  const steps: DiffPart[] = [];
  let i = x.length;
  let j = y.length;
  while (i > 0 || j > 0) {
    const here = cost[i * cols + j];
    if (i > 0 && j > 0 && x[i - 1] === y[j - 1] && here === cost[(i - 1) * cols + j - 1]) {
      steps.push({ kind: 'same', text: x[--i] });
      j--;
    } else if (i > 0 && j > 0 && here === cost[(i - 1) * cols + j - 1] + 1) {
      steps.push({ kind: 'added', text: y[--j] });
      steps.push({ kind: 'removed', text: x[--i] });
    } else if (i > 0 && here === cost[(i - 1) * cols + j] + 1) {
      steps.push({ kind: 'removed', text: x[--i] });
    } else {
      steps.push({ kind: 'added', text: y[--j] });
    }
  }
  steps.reverse();
  // Between two matches, all of a's characters first, then all of b's: "ab" -> "cd" reads as one change.
  const merged: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) merged.push({ kind: 'removed', text: removed });
    if (added) merged.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const step of steps) {
    if (step.kind === 'removed') removed += step.text;
    else if (step.kind === 'added') added += step.text;
    else {
      flush();
      const last = merged[merged.length - 1];
      if (last?.kind === 'same') last.text += step.text;
      else merged.push({ kind: 'same', text: step.text });
    }
  }
  flush();
  return merged;
}
