import type { DetPlan } from './types';

/** A detection plan built by hand, so post-processing tests do not depend on bucket picking. */
export function handPlan(
  src: { w: number; h: number },
  scaled: { w: number; h: number },
  bucket: { w: number; h: number },
): DetPlan {
  return {
    srcW: src.w,
    srcH: src.h,
    scaledW: scaled.w,
    scaledH: scaled.h,
    scaleX: scaled.w / src.w,
    scaleY: scaled.h / src.h,
    bucket: { h: bucket.h, w: bucket.w },
    padRight: bucket.w - scaled.w,
    padBottom: bucket.h - scaled.h,
    paddingShare: 1 - (scaled.w * scaled.h) / (bucket.w * bucket.h),
  };
}

/** A probability map of `w` x `h` filled with `background`, with rectangles painted at `value`. */
export function paintMap(
  w: number,
  h: number,
  rects: { x: number; y: number; w: number; h: number; value?: number }[],
  background = 0.01,
): Float32Array {
  const map = new Float32Array(w * h).fill(background);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.h; y++) {
      for (let x = r.x; x < r.x + r.w; x++) map[y * w + x] = r.value ?? 0.95;
    }
  }
  return map;
}
