// Entity-level precision, recall and F1 with the chunk rules of the CoNLL shared task's conlleval script,
// the figure NER papers and model cards quote. An entity is correct only when its type and both
// boundaries match. Tags are IOB2 ("O", "B-PER", "I-PER"); as in conlleval, an I- tag that does not
// continue an entity of its own type opens a new one. Mirrors tools/train-ner/conlleval.py, so the
// TypeScript and Python scores of one model can be compared.

import { CodedError } from '../errors';

export type ConllevalErrorCode = 'BAD_TAG' | 'LENGTH_MISMATCH';

export class ConllevalError extends CodedError<ConllevalErrorCode> {
  override readonly name = 'ConllevalError';
}

/** One entity: words `start`..`end` (inclusive) of a sentence, of type `type` ("PER", "LOC", ...). */
export interface EntitySpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly correct: number;
  readonly predicted: number;
  readonly gold: number;
}

export interface ConllevalResult {
  readonly overall: Prf;
  /** Keyed by entity type, in alphabetical order. */
  readonly perType: Readonly<Record<string, Prf>>;
}

function parseTag(tag: string): { prefix: 'O' | 'B' | 'I'; type: string } {
  if (tag === 'O') return { prefix: 'O', type: '' };
  const match = /^([BI])-(.+)$/.exec(tag);
  if (!match) {
    throw new ConllevalError('BAD_TAG', `"${tag}" is not an IOB2 tag; expected "O", "B-<type>" or "I-<type>"`);
  }
  return { prefix: match[1] as 'B' | 'I', type: match[2] };
}

export function extractEntities(tags: readonly string[]): EntitySpan[] {
  const found: EntitySpan[] = [];
  let start = -1;
  let type = '';
  tags.forEach((tag, i) => {
    const parsed = parseTag(tag);
    const continues = parsed.prefix === 'I' && start >= 0 && parsed.type === type;
    if (start >= 0 && !continues) {
      found.push({ start, end: i - 1, type });
      start = -1;
    }
    if (parsed.prefix !== 'O' && !continues) {
      start = i;
      type = parsed.type;
    }
  });
  if (start >= 0) found.push({ start, end: tags.length - 1, type });
  return found;
}

function prf(correct: number, predicted: number, gold: number): Prf {
  const precision = predicted > 0 ? correct / predicted : 0;
  const recall = gold > 0 ? correct / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, correct, predicted, gold };
}

/** Micro-averaged scores over all sentences, overall and per entity type. */
export function conlleval(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): ConllevalResult {
  if (gold.length !== predicted.length) {
    throw new ConllevalError(
      'LENGTH_MISMATCH',
      `${gold.length} gold sentences but ${predicted.length} predicted; score the same sentences`,
    );
  }
  const counts = new Map<string, { correct: number; predicted: number; gold: number }>();
  const bump = (type: string, key: 'correct' | 'predicted' | 'gold'): void => {
    const entry = counts.get(type) ?? { correct: 0, predicted: 0, gold: 0 };
    entry[key] += 1;
    counts.set(type, entry);
  };
  gold.forEach((goldTags, s) => {
    const predTags = predicted[s];
    if (goldTags.length !== predTags.length) {
      throw new ConllevalError(
        'LENGTH_MISMATCH',
        `sentence ${s}: ${goldTags.length} gold tags but ${predTags.length} predicted; predict one tag per word`,
      );
    }
    const key = (e: EntitySpan): string => `${e.start}:${e.end}:${e.type}`;
    const goldKeys = new Set(extractEntities(goldTags).map(key));
    for (const e of extractEntities(goldTags)) bump(e.type, 'gold');
    for (const e of extractEntities(predTags)) {
      bump(e.type, 'predicted');
      if (goldKeys.has(key(e))) bump(e.type, 'correct');
    }
  });
  let correct = 0;
  let predictedTotal = 0;
  let goldTotal = 0;
  const perType: Record<string, Prf> = {};
  for (const type of [...counts.keys()].sort()) {
    const c = counts.get(type)!;
    perType[type] = prf(c.correct, c.predicted, c.gold);
    correct += c.correct;
    predictedTotal += c.predicted;
    goldTotal += c.gold;
  }
  return { overall: prf(correct, predictedTotal, goldTotal), perType };
}
