import type { EntityResult } from '../ner';

/** An entity as the page shows it: its type without the B-/I- prefix and the exact text it covers. */
export interface EntityView {
  type: string;
  /** The characters of the original text between start and end (not the word-piece the model saw). */
  text: string;
  score: number;
  start: number;
  end: number;
}

/** Type of an entity: the group for aggregated results, else the tag without its B-/I- prefix. */
export function entityType(entity: EntityResult): string {
  const raw = entity.entity_group ?? entity.entity ?? '';
  return raw.replace(/^[BIES]-/, '') || 'ENTITY';
}

/**
 * The worker's entities as rows of the table, sorted by position. Entities whose offsets do not lie in
 * the text (a stale result after the text was edited) are left out and counted.
 */
export function entityViews(entities: readonly EntityResult[], text: string): { views: EntityView[]; skipped: number } {
  const views: EntityView[] = [];
  let skipped = 0;
  for (const e of entities) {
    if (
      !Number.isInteger(e.start) ||
      !Number.isInteger(e.end) ||
      e.start < 0 ||
      e.end > text.length ||
      e.end <= e.start
    ) {
      skipped++;
      continue;
    }
    views.push({ type: entityType(e), text: text.slice(e.start, e.end), score: e.score, start: e.start, end: e.end });
  }
  views.sort((a, b) => a.start - b.start || a.end - b.end);
  return { views, skipped };
}

/** A run of the text: plain, or covered by entity `entityIndex` of the views. */
export type TextPiece =
  | { kind: 'plain'; text: string; start: number }
  | { kind: 'entity'; text: string; start: number; end: number; type: string; score: number; entityIndex: number };

/**
 * Cuts the text into plain and entity runs for inline highlighting (rendered as text nodes, never as
 * HTML). Views must be sorted by start (as {@link entityViews} returns them); an entity overlapping the
 * previous one is drawn from where the previous one ends.
 */
export function highlightPieces(text: string, views: readonly EntityView[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let cursor = 0;
  views.forEach((v, entityIndex) => {
    const start = Math.max(v.start, cursor);
    if (start >= v.end) return;
    if (start > cursor) pieces.push({ kind: 'plain', text: text.slice(cursor, start), start: cursor });
    pieces.push({
      kind: 'entity',
      text: text.slice(start, v.end),
      start,
      end: v.end,
      type: v.type,
      score: v.score,
      entityIndex,
    });
    cursor = v.end;
  });
  if (cursor < text.length) pieces.push({ kind: 'plain', text: text.slice(cursor), start: cursor });
  return pieces;
}

/** Colours of the CoNLL types, chosen to be told apart by most colour-blind readers (Okabe-Ito hues). */
const KNOWN_COLOURS: Readonly<Record<string, string>> = Object.freeze({
  PER: '#e69f00',
  LOC: '#56b4e9',
  ORG: '#009e73',
  MISC: '#cc79a7',
});
const EXTRA_COLOURS = ['#f0e442', '#0072b2', '#d55e00', '#999999', '#8dd3c7', '#bebada'];

/** A stable colour per entity type: fixed for the CoNLL types, hashed from the name for others. */
export function entityColour(type: string): string {
  const known = KNOWN_COLOURS[type];
  if (known) return known;
  let hash = 0;
  for (let i = 0; i < type.length; i++) hash = (hash * 31 + type.charCodeAt(i)) >>> 0;
  return EXTRA_COLOURS[hash % EXTRA_COLOURS.length];
}

export interface LegendEntry {
  type: string;
  colour: string;
  count: number;
}

/** Legend rows: every type found, with its colour and count, the CoNLL types first. */
export function entityLegend(views: readonly EntityView[]): LegendEntry[] {
  const counts = new Map<string, number>();
  for (const v of views) counts.set(v.type, (counts.get(v.type) ?? 0) + 1);
  const order = (t: string) => {
    const i = Object.keys(KNOWN_COLOURS).indexOf(t);
    return i >= 0 ? i : Object.keys(KNOWN_COLOURS).length;
  };
  return [...counts]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([type, count]) => ({ type, colour: entityColour(type), count }));
}
