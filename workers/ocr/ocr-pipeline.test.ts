import type * as Ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { OcrError, type RgbaImage } from '../../src/core/ocr';
import { OcrPipeline, type OcrPipelineOptions } from './ocr-pipeline';

/**
 * The pipeline against fake sessions: the detector "finds" text where the test paints it on the map and
 * the recogniser emits a fixed class sequence, so what is checked is the plumbing (shapes asked for,
 * padding dropped, coordinates, decoding per row, serialisation), not the models.
 */

class FakeTensor {
  readonly location = 'cpu';
  disposed = false;
  constructor(
    readonly type: string,
    readonly data: Float32Array,
    readonly dims: number[],
  ) {}
  async getData() {
    return this.data;
  }
  dispose() {
    this.disposed = true;
  }
}

const DICT = ['A', 'B', 'C'];
const CLASSES = DICT.length + 2;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function fakeOptions(paint: Rect[], overrides: Partial<OcrPipelineOptions> = {}) {
  const requested: string[] = [];
  const log: string[] = [];
  let exclusive = false;
  // shape null: a session with free dimensions, which takes whatever it is fed.
  const session = (model: 'det' | 'rec', pinned: number[] | null) => ({
    inputNames: ['x'],
    outputNames: ['y'],
    async run(feeds: Record<string, FakeTensor>) {
      expect(exclusive).toBe(true);
      const shape = pinned ?? feeds.x.dims;
      expect(feeds.x.dims).toEqual(shape);
      log.push(`${model} ran ${shape.join('x')}`);
      if (model === 'det') {
        const [, , h, w] = shape;
        const map = new Float32Array(h * w);
        for (const r of paint) {
          for (let y = r.y; y < r.y + r.h; y++) map.fill(0.9, y * w + r.x, y * w + r.x + r.w);
        }
        return { y: new FakeTensor('float32', map, [1, 1, h, w]) };
      }
      // Recogniser: every row reads "AB C" (classes 1, 2, space, 3) then blanks.
      const [n, , , w] = shape;
      const steps = w / 8;
      const probs = new Float32Array(n * steps * CLASSES);
      const sequence = [1, 1, 0, 2, 4, 3];
      for (let row = 0; row < n; row++) {
        for (let t = 0; t < steps; t++) probs[(row * steps + t) * CLASSES + (sequence[t] ?? 0)] = 0.8;
      }
      return { y: new FakeTensor('float32', probs, [n, steps, CLASSES]) };
    },
  });
  const options: OcrPipelineOptions = {
    ort: { Tensor: FakeTensor } as unknown as typeof Ort,
    getSession: async (model, shape) => {
      expect(exclusive).toBe(false); // a pool that serialises creation would deadlock here
      requested.push(`${model} ${shape?.join('x') ?? 'any shape'}`);
      return session(model, shape) as unknown as Ort.InferenceSession;
    },
    runExclusive: async (fn) => {
      exclusive = true;
      try {
        return await fn();
      } finally {
        exclusive = false;
      }
    },
    dictionary: DICT,
    detBuckets: [
      { h: 128, w: 480 },
      { h: 960, w: 960 },
    ],
    recWidthBuckets: [96, 320],
    recBatchSize: 2,
    ...overrides,
  };
  return { options, requested, log };
}

const white = (width: number, height: number): RgbaImage => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4).fill(255),
});

describe('OcrPipeline', () => {
  it('runs the smallest covering bucket, drops text in the padding and decodes each line', async () => {
    // 300 x 120 -> 288 x 128 in the 128 x 480 bucket; x >= 288 on the map is padding.
    const { options, requested, log } = fakeOptions([
      { x: 10, y: 10, w: 30, h: 30 },
      { x: 10, y: 70, w: 200, h: 20 },
      { x: 330, y: 20, w: 100, h: 30 },
    ]);
    const result = await new OcrPipeline(options).recognize(white(300, 120), { mode: 'bucketed' });
    expect(result.bucket).toEqual({ h: 128, w: 480 });
    expect(result.detInput).toEqual({ w: 288, h: 128 });
    expect(result.paddingShare).toBeCloseTo(1 - (288 * 128) / (480 * 128), 10);
    expect(result.droppedInPadding).toBe(1);
    expect(result.lines.map((l) => l.text)).toEqual(['AB C', 'AB C']);
    expect(result.lines[0].confidence).toBeCloseTo(0.8, 5);
    for (const { box } of result.lines) expect(box.x + box.w).toBeLessThanOrEqual(300);
    // After unclip, line 0 is about square (48 wide at height 48: bucket 96), line 1 about 5:1 (bucket 320).
    expect(requested).toEqual(['det 1x3x128x480', 'rec 2x3x48x96', 'rec 2x3x48x320']);
    expect(log).toEqual(['det ran 1x3x128x480', 'rec ran 2x3x48x96', 'rec ran 2x3x48x320']);
    expect(result.recRuns).toBe(2);
  });

  it('runs the image and each line at their own sizes on free-dimension sessions in unpadded mode', async () => {
    const { options, requested, log } = fakeOptions([
      { x: 10, y: 10, w: 30, h: 30 },
      { x: 10, y: 70, w: 200, h: 20 },
    ]);
    const result = await new OcrPipeline(options).recognize(white(300, 120), { mode: 'unpadded' });
    expect(result.bucket).toEqual({ h: 128, w: 288 });
    expect(result.paddingShare).toBe(0);
    expect(requested).toEqual(['det any shape', 'rec any shape', 'rec any shape']);
    expect(log[0]).toBe('det ran 1x3x128x288');
    // Each line in a run of its own width, a multiple of 8 just over the crop: under 8 columns of padding.
    const recWidths = log.slice(1).map((entry) => Number(entry.split('x').pop()));
    expect(recWidths.every((w) => w % 8 === 0)).toBe(true);
    expect(new Set(recWidths).size).toBe(2);
    expect(result.lines.map((l) => l.text)).toEqual(['AB C', 'AB C']);
  });

  it('pads everything to the envelope and the widest line bucket in pad-to-max mode', async () => {
    const { options, requested } = fakeOptions([{ x: 10, y: 20, w: 60, h: 20 }]);
    const result = await new OcrPipeline(options).recognize(white(300, 120), { mode: 'pad-to-max' });
    expect(result.bucket).toEqual({ h: 960, w: 960 });
    expect(requested).toEqual(['det 1x3x960x960', 'rec 2x3x48x320']);
  });

  it('scales an image over 4096 px down, says so, and reports boxes in the original coordinates', async () => {
    // 8192 x 256 -> working 4096 x 128 -> detector 960 x 32 (scale 0.234375) in the 960 x 960 bucket.
    const { options } = fakeOptions([{ x: 480, y: 4, w: 120, h: 20 }]);
    const result = await new OcrPipeline(options).recognize(white(8192, 256), { mode: 'bucketed' });
    expect(result.scaledFrom).toEqual({ width: 8192, height: 256 });
    const [line] = result.lines;
    // Map x 480 is working x 2048 is original x 4096 (minus the unclip growth).
    expect(line.box.x).toBeGreaterThan(3900);
    expect(line.box.x).toBeLessThan(4096);
    expect(line.box.x + line.box.w).toBeLessThanOrEqual(8192);
  });

  it('returns no lines and runs no recogniser for a blank image', async () => {
    const { options, requested } = fakeOptions([]);
    const result = await new OcrPipeline(options).recognize(white(64, 64), { mode: 'bucketed' });
    expect(result.lines).toEqual([]);
    expect(requested).toEqual(['det 1x3x128x480']);
  });

  it('stops before the next run when the request is cancelled', async () => {
    const { options } = fakeOptions([]);
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(
      new OcrPipeline(options).recognize(white(64, 64), { mode: 'bucketed', signal: controller.signal }),
    ).rejects.toThrow('cancelled by the user');
  });

  it('refuses bad input with coded errors', async () => {
    const { options } = fakeOptions([]);
    const pipeline = new OcrPipeline(options);
    await expect(
      pipeline.recognize({ width: 2, height: 2, data: new Uint8ClampedArray(3) }, { mode: 'bucketed' }),
    ).rejects.toMatchObject({
      code: 'NOT_AN_IMAGE',
    });
    expect(() => new OcrPipeline({ ...options, recWidthBuckets: [100] })).toThrow(OcrError);
    expect(() => new OcrPipeline({ ...options, detBuckets: [] })).toThrow(/No detection buckets/);
  });

  it('names a dictionary that does not fit the recogniser', async () => {
    const { options } = fakeOptions([{ x: 10, y: 20, w: 60, h: 20 }], { dictionary: ['A', 'B'] });
    await expect(new OcrPipeline(options).recognize(white(300, 120), { mode: 'bucketed' })).rejects.toMatchObject({
      code: 'DICTIONARY_MISMATCH',
    });
  });
});
