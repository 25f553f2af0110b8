import { OcrError } from './errors';
import type { DetPlan, OcrBox } from './types';

export interface DbOptions {
  /** Pixels with probability above this are text. */
  thresh: number;
  /** A region is kept when the mean probability over its rectangle is at least this. */
  boxThresh: number;
  /** DB "unclip": the shrunk text kernel is grown by area * ratio / perimeter on every side. */
  unclipRatio: number;
  /** Regions whose shorter side (map pixels) is below this are noise. */
  minSize: number;
  /** Stop after this many regions, as PaddleOCR does, so a noisy map cannot stall the worker. */
  maxCandidates: number;
}

/** PaddleOCR's inference defaults for the DB head. */
export const DEFAULT_DB_OPTIONS: Readonly<DbOptions> = Object.freeze({
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
});

export interface DbResult {
  /** Boxes in the coordinates of the image the plan was made for, in reading order. */
  boxes: OcrBox[];
  /** Regions that would have been boxes but lie (mostly) in the bottom/right padding. */
  droppedInPadding: number;
}

interface Region {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/**
 * Turns the detector's probability map into text boxes.
 *
 * Boxes are axis-aligned rectangles, not PaddleOCR's rotated minimum-area quadrilaterals: for screenshots
 * and scans of horizontal text the two agree, and rectangles keep cropping and drawing simple. Slanted
 * lines get a looser box (more background in the crop), which is the price of that choice.
 *
 * A region is dropped and counted when less than half of its rectangle lies in the image content (the
 * rest is bucket padding); a region that straddles the edge is kept and clipped to the content, so no
 * reported box ever reaches into the padding.
 */
export function dbPostprocess(
  probMap: Float32Array,
  mapW: number,
  mapH: number,
  plan: DetPlan,
  options: Partial<DbOptions> = {},
): DbResult {
  const opts = { ...DEFAULT_DB_OPTIONS, ...options };
  if (probMap.length !== mapW * mapH) {
    throw new OcrError(
      'BAD_MAP',
      `The probability map has ${probMap.length} values but ${mapW} x ${mapH} needs ${mapW * mapH}.`,
    );
  }
  if (mapW !== plan.bucket.w || mapH !== plan.bucket.h) {
    throw new OcrError(
      'BAD_MAP',
      `The probability map is ${mapW} x ${mapH} but the detector ran on a ${plan.bucket.w} x ${plan.bucket.h} bucket; ` +
        'the map must be the size of the detector input.',
    );
  }

  const boxes: OcrBox[] = [];
  let droppedInPadding = 0;
  for (const region of findRegions(probMap, mapW, mapH, opts.thresh, opts.maxCandidates)) {
    const rw = region.maxX - region.minX + 1;
    const rh = region.maxY - region.minY + 1;
    if (Math.min(rw, rh) < opts.minSize) continue;
    const score = meanOverRect(probMap, mapW, region);
    if (score < opts.boxThresh) continue;

    const insideW = Math.max(0, Math.min(region.maxX + 1, plan.scaledW) - region.minX);
    const insideH = Math.max(0, Math.min(region.maxY + 1, plan.scaledH) - region.minY);
    if (insideW * insideH * 2 < rw * rh) {
      droppedInPadding++;
      continue;
    }

    const grow = (rw * rh * opts.unclipRatio) / (2 * (rw + rh));
    if (Math.min(rw, rh) + 2 * grow < opts.minSize + 2) continue;
    // Continuous map coordinates: pixel i covers [i, i+1). Clip to the content, then undo the scaling.
    const x0 = Math.max(0, region.minX - grow) / plan.scaleX;
    const x1 = Math.min(plan.scaledW, region.maxX + 1 + grow) / plan.scaleX;
    const y0 = Math.max(0, region.minY - grow) / plan.scaleY;
    const y1 = Math.min(plan.scaledH, region.maxY + 1 + grow) / plan.scaleY;
    const left = Math.max(0, Math.floor(x0));
    const top = Math.max(0, Math.floor(y0));
    const right = Math.min(plan.srcW, Math.ceil(x1));
    const bottom = Math.min(plan.srcH, Math.ceil(y1));
    if (right <= left || bottom <= top) continue;
    boxes.push({ x: left, y: top, w: right - left, h: bottom - top, score });
  }
  return { boxes: sortReadingOrder(boxes), droppedInPadding };
}

/**
 * Connected regions (8-neighbourhood) of pixels above `thresh`, by flood fill with an explicit stack so a
 * map-sized region cannot overflow the call stack.
 */
function findRegions(probMap: Float32Array, mapW: number, mapH: number, thresh: number, maxRegions: number): Region[] {
  const seen = new Uint8Array(mapW * mapH);
  const stack = new Int32Array(mapW * mapH);
  const regions: Region[] = [];
  for (let start = 0; start < probMap.length && regions.length < maxRegions; start++) {
    if (seen[start] || !(probMap[start] > thresh)) continue;
    const region: Region = { minX: mapW, maxX: -1, minY: mapH, maxY: -1 };
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const p = stack[--top];
      const x = p % mapW;
      const y = (p - x) / mapW;
      if (x < region.minX) region.minX = x;
      if (x > region.maxX) region.maxX = x;
      if (y < region.minY) region.minY = y;
      if (y > region.maxY) region.maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= mapH) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= mapW) continue;
          const q = ny * mapW + nx;
          if (seen[q] || !(probMap[q] > thresh)) continue;
          seen[q] = 1;
          stack[top++] = q;
        }
      }
    }
    regions.push(region);
  }
  return regions;
}

/** Mean probability over the region's rectangle (PaddleOCR's "fast" box score, for an upright box). */
function meanOverRect(probMap: Float32Array, mapW: number, r: Region): number {
  let sum = 0;
  for (let y = r.minY; y <= r.maxY; y++) {
    const row = y * mapW;
    for (let x = r.minX; x <= r.maxX; x++) sum += probMap[row + x];
  }
  return sum / ((r.maxX - r.minX + 1) * (r.maxY - r.minY + 1));
}

/**
 * Top to bottom, and left to right among boxes on the same line (vertical centres closer than half the
 * shorter box's height), so the recognised text reads in order.
 */
export function sortReadingOrder(boxes: OcrBox[]): OcrBox[] {
  const byTop = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  const sameLine = (a: OcrBox, b: OcrBox) => Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) < Math.min(a.h, b.h) / 2;
  // Insertion pass: a box moves left past earlier boxes of its own line that start to its right.
  for (let i = 1; i < byTop.length; i++) {
    let j = i;
    while (j > 0 && sameLine(byTop[j - 1], byTop[j]) && byTop[j].x < byTop[j - 1].x) {
      [byTop[j - 1], byTop[j]] = [byTop[j], byTop[j - 1]];
      j--;
    }
  }
  return byTop;
}
