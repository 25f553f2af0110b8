import { describe, expect, it } from 'vitest';
import { DEFAULT_DET_BUCKETS, planDetection } from '../ocr';
import { referenceLines } from './compare-accuracy';
import { vetImageSize } from './image-vetting';
import {
  SAMPLE_IMAGES,
  conservativeLineHeight,
  conservativeTextWidth,
  sampleFont,
  sampleReference,
} from './sample-images';

/** Room left free at every edge, so no glyph touches the border the detector's boxes are clipped to. */
const EDGE = 12;

describe('SAMPLE_IMAGES', () => {
  it('has three or four samples with distinct names', () => {
    expect(SAMPLE_IMAGES.length).toBeGreaterThanOrEqual(3);
    expect(SAMPLE_IMAGES.length).toBeLessThanOrEqual(4);
    expect(new Set(SAMPLE_IMAGES.map((s) => s.name)).size).toBe(SAMPLE_IMAGES.length);
    for (const s of SAMPLE_IMAGES) expect(s.name).toMatch(/^sample-[a-z]+\.png$/);
  });

  it.each(SAMPLE_IMAGES.map((s) => [s.name, s] as const))(
    '%s: every line fits inside the canvas at its font size, with a margin',
    (_, sample) => {
      expect(sample.lines.length).toBeGreaterThan(0);
      for (const line of sample.lines) {
        expect(line.x).toBeGreaterThanOrEqual(EDGE);
        expect(line.y).toBeGreaterThanOrEqual(EDGE);
        expect(line.x + conservativeTextWidth(line.text, line.size)).toBeLessThanOrEqual(sample.width - EDGE);
        expect(line.y + conservativeLineHeight(line.size)).toBeLessThanOrEqual(sample.height - EDGE);
      }
    },
  );

  it.each(SAMPLE_IMAGES.map((s) => [s.name, s] as const))(
    '%s: lines go top to bottom without touching, so each is its own box in reading order',
    (_, sample) => {
      for (let i = 1; i < sample.lines.length; i++) {
        const above = sample.lines[i - 1]!;
        // A gap of at least a quarter of the larger size between one line's bottom and the next one's top.
        const gap = sample.lines[i]!.y - (above.y + conservativeLineHeight(above.size));
        expect(gap).toBeGreaterThanOrEqual(Math.max(above.size, sample.lines[i]!.size) / 4);
      }
    },
  );

  it.each(SAMPLE_IMAGES.map((s) => [s.name, s] as const))(
    '%s: text big enough for the recogniser, plain characters, dark ink on a light background',
    (_, sample) => {
      for (const line of sample.lines) {
        expect(line.size).toBeGreaterThanOrEqual(30);
        expect(line.size).toBeLessThanOrEqual(48);
        expect(line.text).toMatch(/^[A-Za-z0-9][A-Za-z0-9 .]*[A-Za-z0-9]$/);
        expect(line.text).not.toMatch(/ {2}/);
      }
      const luminance = (hex: string) => {
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      expect(sample.background).toMatch(/^#[0-9a-f]{6}$/);
      expect(sample.ink).toMatch(/^#[0-9a-f]{6}$/);
      expect(luminance(sample.background)).toBeGreaterThan(0.85);
      expect(luminance(sample.ink)).toBeLessThan(0.2);
    },
  );

  it('fits the working size, so none is scaled down before reading', () => {
    for (const s of SAMPLE_IMAGES) expect(vetImageSize(s.name, s.width, s.height).note).toBeNull();
  });

  it('lands in three different default detector buckets, as the worker plans them', () => {
    const buckets = SAMPLE_IMAGES.map((s) => {
      const plan = planDetection({ width: s.width, height: s.height }, DEFAULT_DET_BUCKETS);
      return `${plan.bucket.h}x${plan.bucket.w}`;
    });
    expect(buckets).toEqual(['128x960', '256x640', '480x640']);
    // The banner is wide and short, the receipt taller than wide.
    const [banner, , receipt] = SAMPLE_IMAGES;
    expect(banner!.width / banner!.height).toBeGreaterThanOrEqual(4);
    expect(receipt!.height).toBeGreaterThan(receipt!.width);
  });
});

describe('sampleReference', () => {
  it('is the lines joined by newlines, and the comparison splits it back into the same lines', () => {
    for (const s of SAMPLE_IMAGES) {
      const reference = sampleReference(s);
      expect(reference.split('\n')).toEqual(s.lines.map((l) => l.text));
      expect(referenceLines(reference)).toEqual(s.lines.map((l) => l.text));
    }
    expect(sampleReference(SAMPLE_IMAGES[1]!)).toBe('Platform 4\nTrains to Riverside\nevery 15 minutes');
  });
});

describe('sampleFont and the width bound', () => {
  it('gives a canvas font with weight, pixel size and the generic family', () => {
    expect(sampleFont({ text: 'x', x: 0, y: 0, size: 34, weight: 'bold' })).toBe('bold 34px sans-serif');
  });

  it('bounds wide letters above narrow ones and scales with the size', () => {
    expect(conservativeTextWidth('WWW', 10)).toBeCloseTo(34.5);
    expect(conservativeTextWidth('iii', 10)).toBeCloseTo(22.5);
    expect(conservativeTextWidth('A b', 20)).toBeCloseTo(20 * (0.9 + 0.4 + 0.75));
    expect(conservativeTextWidth('', 40)).toBe(0);
  });
});
