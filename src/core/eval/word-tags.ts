// What the page shows, as one IOB2 tag per word of a tokenised corpus sentence, so conlleval can score
// the app's own entities: the sentence's words are joined by single spaces into the text the app
// classifies, and each entity tags the words it covers.

/** A half-open character range [start, end) in the joined text. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

/** The text the app classifies for a tokenised sentence (words joined by one space), and where each word is. */
export function joinWords(words: readonly string[]): { text: string; spans: WordSpan[] } {
  const spans: WordSpan[] = [];
  let at = 0;
  for (const word of words) {
    spans.push({ start: at, end: at + word.length });
    at += word.length + 1;
  }
  return { text: words.join(' '), spans };
}

/**
 * One tag per word from entities with character offsets (entity_group, start, end), in text order. A word
 * that an entity overlaps takes its type: B- on the entity's first word, I- on the rest. A word that two
 * entities overlap (the app split it, e.g. at punctuation inside it) keeps the first; the second entity
 * then starts at its next word. Words no entity touches are O.
 */
export function wordTagsFromEntities(
  spans: readonly WordSpan[],
  entities: readonly { readonly entity_group: string; readonly start: number; readonly end: number }[],
): string[] {
  const tags = spans.map(() => 'O');
  let w = 0;
  for (const entity of entities) {
    while (w < spans.length && spans[w].end <= entity.start) w++;
    let first = true;
    for (let k = w; k < spans.length && spans[k].start < entity.end; k++) {
      if (spans[k].end <= entity.start) continue;
      if (tags[k] !== 'O') continue;
      tags[k] = `${first ? 'B' : 'I'}-${entity.entity_group}`;
      first = false;
    }
  }
  return tags;
}
