// The same runtime files the worker uses (workers/engine/backend.ts), emitted by Vite as app assets.
import ortWasmFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { Backend, RunFigures } from '../protocol/types';

/**
 * One timing of the transformers.js token-classification pipeline, the outside reference. Defined here,
 * where it is produced; the bench command (scripts/lib/bench) reads it.
 */
export interface ReferenceResult extends RunFigures {
  /** Library and version, e.g. "transformers.js 4.3.1". */
  library: string;
  /** The same batches through the model alone: no tokenisation, no per-token post-processing. */
  forwardItemsPerSec: number;
  forwardP50Ms: number;
}

/** What the benchmark command asks of the outside reference (see scripts/bench.ts --reference). */
export interface ReferenceParams {
  /** The app's root URL; models/ and ort/ are resolved against it. */
  appBaseUrl: string;
  /** Folder name under the app's models/, e.g. "bucketwise-ner". */
  model: string;
  texts: string[];
  batchSize: number;
  backend: Backend;
  /** Threads for ORT's WASM backend; pass what the worker reported so both sides compute alike. */
  wasmThreads: number;
  warmupRuns: number;
  repetitions: number;
}

export interface ReferenceProgress {
  repetition: number;
  done: number;
  total: number;
  message: string;
}

interface PlannedBatch {
  texts: string[];
  shape: string;
  realTokens: number;
  computedTokens: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function sumOf(data: ArrayLike<number | bigint>): number {
  let total = 0;
  for (let i = 0; i < data.length; i++) total += Number(data[i]);
  return total;
}

/**
 * Times the transformers.js token-classification pipeline on the same model and texts as the worker's
 * benchmark, as an outside reference: it tokenises with `padding: true`, so every batch is padded to its
 * own longest row in arrival order (the library's own padding), and each call includes tokenisation and
 * its post-processing, as a user of the library would pay them. Batches have the benchmark's batch size;
 * items/s is items over the summed wall time of the calls, like the worker's figure. Each batch is also
 * timed through the model alone (`forward*`), without tokenisation and post-processing, which is what
 * the worker's own timings cover (it tokenises before the clock starts).
 *
 * Runs on the page's main thread with its own onnxruntime-web instance, pointed at the app's own copy of
 * the WASM runtime so nothing is fetched from a CDN.
 */
export async function runReferencePipeline(
  params: ReferenceParams,
  onProgress: (p: ReferenceProgress) => void = () => {},
): Promise<ReferenceResult> {
  const transformers = await import('@huggingface/transformers');
  const { env, pipeline } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  // Otherwise transformers.js imports ORT's runtime from a blob: URL, which the app's CSP refuses.
  env.useWasmCache = false;
  // An origin-relative path: transformers.js treats an http(s) URL here as remote and skips it.
  env.localModelPath = new URL('models/', params.appBaseUrl).pathname;
  const onnxEnv = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
  if (onnxEnv.wasm) {
    // Without this transformers.js points ORT at a CDN; the thread count matches the worker's.
    onnxEnv.wasm.wasmPaths = {
      mjs: new URL(ortWasmFactoryUrl, location.href).href,
      wasm: new URL(ortWasmUrl, location.href).href,
    };
    onnxEnv.wasm.numThreads = params.wasmThreads;
    onnxEnv.wasm.proxy = false;
  }

  onProgress({
    repetition: 0,
    done: 0,
    total: 1,
    message: `Loading ${params.model} into transformers.js (${params.backend})`,
  });
  const classify = await pipeline('token-classification', params.model, { device: params.backend, dtype: 'fp32' });
  try {
    const batches: PlannedBatch[] = [];
    for (let start = 0; start < params.texts.length; start += params.batchSize) {
      const texts = params.texts.slice(start, start + params.batchSize);
      // Tokenised once more, outside the timing, only to count the tokens the pipeline computes.
      const encoded = classify.tokenizer(texts, { padding: true, truncation: true });
      const [rows, length] = encoded.input_ids.dims as [number, number];
      batches.push({
        texts,
        shape: `${rows}x${length}`,
        realTokens: sumOf(encoded.attention_mask.data as ArrayLike<number | bigint>),
        computedTokens: rows * length,
      });
    }

    // Warm-up as the worker does it: every distinct shape once (and again for extra warm-up runs), so
    // kernel compilation for a new shape stays out of the timed passes.
    let firstRunMs = 0;
    const warmed = new Set<string>();
    for (const batch of batches) {
      if (warmed.has(batch.shape)) continue;
      warmed.add(batch.shape);
      for (let w = 0; w < Math.max(1, params.warmupRuns); w++) {
        const t0 = performance.now();
        await classify(batch.texts);
        if (warmed.size === 1 && w === 0) firstRunMs = performance.now() - t0;
      }
      onProgress({
        repetition: 0,
        done: warmed.size,
        total: warmed.size,
        message: `Reference warm-up: shape ${batch.shape}`,
      });
    }

    const latencies: number[] = [];
    const forwardLatencies: number[] = [];
    const reps = Math.max(1, params.repetitions);
    for (let rep = 0; rep < reps; rep++) {
      for (let b = 0; b < batches.length; b++) {
        const texts = batches[b]!.texts;
        const t0 = performance.now();
        await classify(texts);
        const t1 = performance.now();
        // The same batch through the model alone, without tokenisation and the pipeline's per-token
        // post-processing (a decode and a softmax per token): what the worker's timings cover.
        const inputs = classify.tokenizer(texts, { padding: true, truncation: true });
        const t2 = performance.now();
        await classify.model(inputs);
        const t3 = performance.now();
        latencies.push(t1 - t0);
        forwardLatencies.push(t3 - t2);
        onProgress({
          repetition: rep + 1,
          done: b + 1,
          total: batches.length,
          message: `reference: repetition ${rep + 1} of ${reps}, batch ${b + 1} of ${batches.length}`,
        });
      }
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    const sortedForward = [...forwardLatencies].sort((a, b) => a - b);
    const realTokens = batches.reduce((s, b) => s + b.realTokens, 0);
    const computedTokens = batches.reduce((s, b) => s + b.computedTokens, 0);
    const seconds = latencies.reduce((s, x) => s + x, 0) / 1000;
    const forwardSeconds = forwardLatencies.reduce((s, x) => s + x, 0) / 1000;
    return {
      library: `transformers.js ${env.version}`,
      backend: params.backend,
      items: params.texts.length,
      itemsPerSec: (params.texts.length * reps) / seconds,
      tokensPerSec: (realTokens * reps) / seconds,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      paddingEfficiency: computedTokens > 0 ? realTokens / computedTokens : 1,
      realTokens,
      computedTokens,
      firstRunMs,
      forwardItemsPerSec: (params.texts.length * reps) / forwardSeconds,
      forwardP50Ms: percentile(sortedForward, 50),
    };
  } finally {
    await classify.dispose();
  }
}
