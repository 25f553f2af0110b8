/**
 * The English lines `npm run ocr:cer` draws and reads back. The words are our own list (everyday words,
 * names, numbers, prices, codes), not taken from any data set, and a seeded generator turns them into
 * lines, so every run and every machine measures the same lines.
 *
 * Fonts are the ones fonts-dejavu-core installs (which .ci/run and the README's apt line provide), asked
 * for by family name: the browser's canvas finds them through fontconfig.
 */

import { mulberry32 } from '../../src/core/buckets';

const WORDS = [
  'the',
  'a',
  'of',
  'and',
  'to',
  'in',
  'is',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'or',
  'no',
  'we',
  'you',
  'it',
  'order',
  'invoice',
  'total',
  'paid',
  'due',
  'date',
  'page',
  'line',
  'item',
  'price',
  'amount',
  'account',
  'number',
  'street',
  'road',
  'station',
  'office',
  'market',
  'garden',
  'river',
  'bridge',
  'north',
  'south',
  'east',
  'west',
  'quick',
  'brown',
  'fox',
  'jumps',
  'over',
  'lazy',
  'dog',
  'bright',
  'small',
  'large',
  'quiet',
  'early',
  'late',
  'meeting',
  'moved',
  'tomorrow',
  'morning',
  'evening',
  'please',
  'call',
  'back',
  'open',
  'closed',
  'today',
  'daily',
  'coffee',
  'bread',
  'apples',
  'water',
  'ticket',
  'window',
  'garage',
  'parking',
  'exit',
  'entrance',
  'floor',
  'London',
  'Berlin',
  'Paris',
  'Madrid',
  'Oslo',
  'Tokyo',
  'Alice',
  'Bob',
  'Maria',
  'John',
  'Monday',
  'Friday',
  'March',
  'October',
  'Hello',
  'Welcome',
  'Thanks',
  'Note',
  'Warning',
  'Room',
  'Gate',
  'Platform',
  'Bus',
  'Train',
  'OCR',
  'EUR',
  'USD',
  'PDF',
  'ID',
  'VAT',
  'NO',
  'OK',
  'TEL',
  'FAX',
  '12',
  '42',
  '99.50',
  '2026',
  '7',
  '305',
  '1200',
  '12:30',
  '08:15',
  '3.14',
  '450',
  '16',
  '1024',
  '64',
  'A4',
  'B12',
  'X9',
  'v2',
  'No.5',
  '#18',
  '(3)',
  'e-mail',
  'well-known',
  "it's",
];

/** A font the line is drawn in: a CSS font shorthand without the size. */
const FONTS = [
  'DejaVu Sans',
  'bold DejaVu Sans',
  'DejaVu Serif',
  'bold DejaVu Serif',
  'DejaVu Sans Mono',
  'bold DejaVu Sans Mono',
];

/** Pixel sizes from small print to a heading. */
const SIZES = [16, 20, 24, 28, 32, 40];

export interface CerLine {
  text: string;
  /** CSS font shorthand without the size, for example "bold DejaVu Serif". */
  font: string;
  sizePx: number;
  /** Ink colour on a white page: near-black, dark blue or dark red. */
  color: string;
}

const COLORS = ['#111111', '#1a237e', '#5d1010'];

/**
 * `count` lines of 2 to 6 words, cycling through every font and size so each appears about equally; the
 * first word of a line is capitalised half of the time, as in headings and sentences.
 */
export function makeCerLines(count: number, seed = 15): CerLine[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`The number of lines must be a positive integer; got ${count}.`);
  // Seeded, so the line set depends only on the seed.
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const lines: CerLine[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(WORDS));
    if (random() < 0.5) words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    lines.push({
      text: words.join(' '),
      font: FONTS[i % FONTS.length]!,
      sizePx: SIZES[Math.floor(i / FONTS.length) % SIZES.length]!,
      color: pick(COLORS),
    });
  }
  return lines;
}
