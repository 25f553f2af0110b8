import type { Backend } from '../backend';
import type { Mode } from './types';

/**
 * How the bucket shapes are served: one static session per (batch size, bucket) shape, pinned with
 * freeDimensionOverrides, or one dynamic-shape session fed the same padded shapes. Both pad alike and
 * give the same logits; they differ in what ONNX Runtime can do with a session and in what each costs.
 */
export type SessionLayout = 'per-bucket' | 'shared';
export type SessionLayoutChoice = 'auto' | SessionLayout;
export const SESSION_LAYOUT_CHOICES: readonly SessionLayoutChoice[] = ['auto', 'per-bucket', 'shared'];

export type BucketedMode = Extract<Mode, 'bucketed' | 'bucketed-shared'>;

/** The engine mode that serves a layout (workers/engine/ner-runner.ts). */
export const MODE_OF_LAYOUT: Readonly<Record<SessionLayout, BucketedMode>> = Object.freeze({
  'per-bucket': 'bucketed',
  shared: 'bucketed-shared',
});

/**
 * The faster layout per backend, from the side-by-side runs and counts in docs/BENCHMARKS.md ("Per-bucket
 * sessions or one shared session"). A static session lets ONNX Runtime fold the shape arithmetic and fuse
 * more (MatMul+Add, SkipLayerNormalization): on WebGPU that removes GPU kernels and the CPU steps a dynamic
 * graph runs between them every batch, and the compiled GPU programs are shared by all sessions. On WASM
 * the same savings are small next to the matrix products, so the steady speed is the same and the extra
 * sessions only add build time and copies of the weights.
 */
export function defaultSessionLayout(backend: Backend): SessionLayout {
  return backend === 'webgpu' ? 'per-bucket' : 'shared';
}

export interface SessionLayoutFacts {
  backend: Backend;
  /** Graph capture is asked for (it replays a static session's recorded GPU commands). */
  graphCapture: boolean;
  /** Static sessions the per-bucket layout needs: buckets x batch sizes. */
  staticSessions: number;
  /** Bytes of one copy of the weights. */
  modelBytes: number;
  /** The user's cap on the weights sessions hold, if any. */
  budgetBytes?: number | null;
}

export interface SessionLayoutDecision {
  layout: SessionLayout;
  mode: BucketedMode;
  /** Auto chose it (the backend's default, or shared because per-bucket would exceed the budget). */
  automatic: boolean;
  /** Graph capture can run: it needs per-bucket sessions on WebGPU. */
  graphCaptureApplies: boolean;
  /** One plain sentence for the settings: why this layout, and what it costs here. */
  reason: string;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;

function copiesText(facts: SessionLayoutFacts): string {
  const copies = Math.max(1, facts.staticSessions);
  return copies === 1
    ? `one copy of the weights (${megabytes(facts.modelBytes)})`
    : `${copies} copies of the weights (${megabytes(copies * facts.modelBytes)})`;
}

/** Resolves the user's choice against the backend's default, and says why in one sentence. */
export function decideSessionLayout(choice: SessionLayoutChoice, facts: SessionLayoutFacts): SessionLayoutDecision {
  const webgpu = facts.backend === 'webgpu';
  const perBucketBytes = Math.max(1, facts.staticSessions) * facts.modelBytes;
  const overBudget = facts.budgetBytes != null && perBucketBytes > facts.budgetBytes;
  let layout: SessionLayout;
  let reason: string;
  if (choice === 'auto' && webgpu && overBudget) {
    layout = 'shared';
    reason =
      `Auto: per-bucket sessions would run fewer GPU kernels per batch, but their ${copiesText(facts)} exceed ` +
      `the memory budget, so one shared session serves every bucket${facts.graphCapture ? ' (graph capture is off)' : ''}.`;
  } else if (choice === 'auto') {
    layout = defaultSessionLayout(facts.backend);
    reason = webgpu
      ? `Default on WebGPU: a session fixed to one shape runs fewer GPU kernels per batch (ONNX Runtime folds ` +
        `its shape arithmetic and fuses layers), compiles no extra GPU programs, and is what graph capture ` +
        `needs; the cost is ${copiesText(facts)}.`
      : `Default on WASM: per-bucket sessions save little on the CPU, so one shared session runs nearly as ` +
        `fast with one session to build and one copy of the weights (${megabytes(facts.modelBytes)})` +
        (facts.staticSessions > 1 ? ` instead of ${facts.staticSessions} (${megabytes(perBucketBytes)}).` : '.');
  } else if (choice === 'per-bucket') {
    layout = 'per-bucket';
    reason = webgpu
      ? `Chosen (also WebGPU's default): fewer GPU kernels per batch than one shared session, and what graph ` +
        `capture needs; it holds ${copiesText(facts)}.`
      : `Chosen: on WASM per-bucket sessions run about as fast as one shared session but take longer to build ` +
        `and hold ${copiesText(facts)}.`;
  } else {
    layout = 'shared';
    reason = webgpu
      ? `Chosen: one session and one copy of the weights (${megabytes(facts.modelBytes)}), but each batch runs ` +
        `the unfused graph with its shape arithmetic on the CPU${facts.graphCapture ? ', and graph capture is off' : ''}.`
      : `Chosen (also WASM's default): about as fast as per-bucket sessions on the CPU, with one session to build ` +
        `and one copy of the weights (${megabytes(facts.modelBytes)}).`;
  }
  return {
    layout,
    mode: MODE_OF_LAYOUT[layout],
    automatic: choice === 'auto',
    graphCaptureApplies: layout === 'per-bucket' && webgpu,
    reason,
  };
}

/**
 * The weight bytes each bucket adds, for placing buckets under a memory budget: one copy per batch size
 * when buckets get their own sessions, none when one shared session serves them all (null: the budget
 * does not limit the number of buckets). The layout is the user's choice, or the backend's default under
 * auto (auto falls back to shared only when per-bucket sessions exceed the budget, which this placement
 * avoids by fitting them).
 */
export function weightBytesPerBucket(
  choice: SessionLayoutChoice,
  backend: Backend,
  modelBytes: number,
  batchSizeCount: number,
): number | null {
  const layout = choice === 'auto' ? defaultSessionLayout(backend) : choice;
  return layout === 'shared' ? null : modelBytes * Math.max(1, batchSizeCount);
}
