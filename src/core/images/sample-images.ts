/**
 * The sample images behind "Try sample images": a visitor with no image at hand gets a few pictures of
 * known text, drawn in the page (see src/store/images-samples.ts). Their sizes differ on purpose: a
 * one-line banner, a short sign and a tall receipt land in different default detector buckets, so the
 * bucketed versus pad-to-max comparison has something to show. The text is written for the project, in
 * plain English, one run of words per line (no columns: a gap wide enough to split a line into two boxes
 * would read back as two lines and count as errors against the known text). Sizes and text heights stay
 * in the range the OCR browser tests read back word for word (30 to 48 px on canvases of 300 to 1000 px).
 */

export interface SampleLine {
  text: string;
  /** Left edge and top of the line in pixels (the text is drawn with its top at y). */
  x: number;
  y: number;
  /** Font size in pixels. */
  size: number;
  weight: 'normal' | 'bold';
}

export interface SampleImage {
  /** The file name the image is added under; also what tells the samples apart. */
  name: string;
  width: number;
  height: number;
  /** CSS colours: light background, dark ink. */
  background: string;
  ink: string;
  /** In reading order, top to bottom. */
  lines: readonly SampleLine[];
}

/** The generic family every browser has; the widths below are bounded for its widest common face (DejaVu Sans). */
export const SAMPLE_FONT_FAMILY = 'sans-serif';

export const SAMPLE_IMAGES: readonly SampleImage[] = Object.freeze([
  {
    name: 'sample-banner.png',
    width: 720,
    height: 100,
    background: '#fff6dc',
    ink: '#1c1c1c',
    lines: [{ text: 'Fresh bread baked daily', x: 24, y: 28, size: 40, weight: 'bold' }],
  },
  {
    name: 'sample-sign.png',
    width: 520,
    height: 240,
    background: '#eef4fb',
    ink: '#102a43',
    lines: [
      { text: 'Platform 4', x: 28, y: 24, size: 44, weight: 'bold' },
      { text: 'Trains to Riverside', x: 28, y: 104, size: 34, weight: 'normal' },
      { text: 'every 15 minutes', x: 28, y: 164, size: 34, weight: 'normal' },
    ],
  },
  {
    name: 'sample-receipt.png',
    width: 420,
    height: 470,
    background: '#ffffff',
    ink: '#111111',
    lines: [
      { text: 'Corner Cafe', x: 24, y: 22, size: 36, weight: 'bold' },
      { text: 'Order 2718', x: 24, y: 86, size: 30, weight: 'normal' },
      { text: '2 Coffee 6.40', x: 24, y: 144, size: 30, weight: 'normal' },
      { text: '1 Lemon cake 3.80', x: 24, y: 202, size: 30, weight: 'normal' },
      { text: '1 Apple juice 4.10', x: 24, y: 260, size: 30, weight: 'normal' },
      { text: 'Total 14.30', x: 24, y: 318, size: 30, weight: 'bold' },
      { text: 'Thank you', x: 24, y: 392, size: 30, weight: 'normal' },
    ],
  },
]);

/** The CSS font of a line, as a canvas takes it. */
export function sampleFont(line: SampleLine): string {
  return `${line.weight} ${line.size}px ${SAMPLE_FONT_FAMILY}`;
}

/**
 * The text the image holds, as the known text of its card: lines joined by newlines, which is how the
 * comparison splits a known text back into lines (referenceLines in compare-accuracy).
 */
export function sampleReference(sample: SampleImage): string {
  return sample.lines.map((line) => line.text).join('\n');
}

/**
 * An upper bound on a line's drawn width in pixels, without a canvas to measure: each character at a
 * width no face of the generic sans-serif family exceeds (DejaVu Sans Bold, the widest of the common
 * ones, is under these: its W is 1.10 em, capitals up to 0.85 em, lower case and digits up to 0.72 em).
 */
export function conservativeTextWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) {
    if (ch === ' ') ems += 0.4;
    else if ('MWmw@'.includes(ch)) ems += 1.15;
    else if (ch >= 'A' && ch <= 'Z') ems += 0.9;
    else ems += 0.75;
  }
  return ems * size;
}

/** The height a line takes below its top, descenders included (sans faces stay within 1.2 em). */
export function conservativeLineHeight(size: number): number {
  return 1.25 * size;
}
