import { medianRun, type OcrCompareEntry, type OcrModeRun } from '../core/images';
import type { OcrResultMessage } from '../protocol/types';
import { AppError, isCancelled, toUiError } from './errors';
import { LatestRequest } from './latest-request';
import { enqueueOcr, imagePixels, runOcr } from './images-service';
import { useImagesStore } from './images-store';

type OcrMode = 'bucketed' | 'pad-to-max' | 'unpadded';
const MODES: readonly OcrMode[] = ['bucketed', 'pad-to-max', 'unpadded'];

const comparisons = new LatestRequest();

function toModeRun(result: OcrResultMessage): OcrModeRun {
  return {
    totalMs: result.timings.totalMs,
    detMs: result.timings.detMs,
    recMs: result.timings.recMs,
    bucket: result.bucket,
    paddingShare: result.paddingShare,
    texts: result.lines.map((l) => l.text),
  };
}

/**
 * Reads every loaded image in three modes: bucketed (smallest covering detector bucket, line widths
 * bucketed), pad-to-max (the envelope bucket and the widest line bucket for everything) and unpadded
 * (no padding anywhere, the accuracy reference; see compare-accuracy in src/core/images). An optional
 * unmeasured pass first creates every shape's session and compiles its shaders, which on WebGPU would
 * otherwise land in whichever mode reaches a shape first. Modes alternate per repetition so load from
 * elsewhere on the machine falls on both alike; each image's median run per mode is kept.
 */
export async function runOcrCompare(): Promise<void> {
  const { images, compareRepetitions: repetitions, compareWarmUp: warmUp } = useImagesStore.getState();
  const targets = images.filter((img) => imagePixels(img.id));
  if (targets.length === 0) {
    useImagesStore.setState({
      compareStatus: 'error',
      compareError: {
        message: 'There are no images to compare.',
        hint: 'Paste, drop or choose some images first.',
        code: 'NO_IMAGES',
      },
    });
    return;
  }
  const comparison = comparisons.begin();
  const total = targets.length * MODES.length * (repetitions + (warmUp ? 1 : 0));
  let done = 0;
  const step = (message: string) => useImagesStore.setState({ compareProgress: { done: done++, total, message } });
  useImagesStore.setState({ compareStatus: 'running', compareError: null, compareEntries: [], compareMeta: null });
  try {
    await enqueueOcr(async () => {
      let backend = '';
      let buckets = '';
      const run = async (id: string, mode: OcrMode) => {
        const image = imagePixels(id);
        if (!image) throw new AppError('IMAGE_REMOVED', 'An image was removed during the comparison; run it again.');
        const out = await runOcr(image, mode, comparison.signal);
        backend = out.backend.backend === 'webgpu' ? 'WebGPU' : 'WASM';
        buckets = out.buckets;
        return out.result;
      };
      if (warmUp) {
        for (const img of targets) {
          for (const mode of MODES) {
            step(`Warming up: ${img.name}, ${mode}`);
            await run(img.id, mode);
          }
        }
      }
      const entries: OcrCompareEntry[] = [];
      for (const img of targets) {
        const runs: Record<OcrMode, OcrModeRun[]> = { bucketed: [], 'pad-to-max': [], unpadded: [] };
        for (let r = 0; r < repetitions; r++) {
          const order = r % 2 === 0 ? MODES : [...MODES].reverse();
          for (const mode of order) {
            step(`${img.name}: ${mode}, repetition ${r + 1} of ${repetitions}`);
            runs[mode].push(toModeRun(await run(img.id, mode)));
          }
        }
        entries.push({
          name: img.name,
          bucketed: medianRun(runs.bucketed),
          padToMax: medianRun(runs['pad-to-max']),
          unpadded: medianRun(runs.unpadded),
          reference: img.reference.trim() === '' ? null : img.reference,
        });
        useImagesStore.setState({ compareEntries: [...entries] });
      }
      useImagesStore.setState({
        compareStatus: 'done',
        compareProgress: null,
        compareMeta: { backend, buckets, repetitions, warmedUp: warmUp },
      });
    });
  } catch (err) {
    if (!comparison.isLatest()) return; // a newer comparison took over
    useImagesStore.setState(
      isCancelled(err) || comparison.signal.aborted
        ? { compareStatus: 'stopped', compareProgress: null }
        : { compareStatus: 'error', compareProgress: null, compareError: toUiError(err) },
    );
  } finally {
    comparison.finish();
  }
}

export function stopOcrCompare(): void {
  comparisons.stop();
}

export function setCompareOptions(patch: { compareRepetitions?: number; compareWarmUp?: boolean }): void {
  useImagesStore.setState(patch);
}
