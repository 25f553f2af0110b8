import { softwareAdapterName, softwareAdapterReason } from '../../src/core/backend';
import { WorkerError } from '../../src/protocol/errors';
import type { AdapterInfo, BackendChoice, BackendInfo } from '../../src/protocol/types';
import { errorMessage } from '../../src/core/errors';

export interface BackendState {
  info: BackendInfo;
  /** "auto" chose WebGPU on a hardware adapter: the first model load times both backends and keeps the faster. */
  raceable?: boolean;
  /** The device ORT runs on, created by us so that we can watch `lost` (and a test can destroy it). */
  device?: GPUDevice;
  lostReason?: string;
  /** Rejects with a DEVICE_LOST error when the device is lost; never settles otherwise. */
  lost: Promise<never>;
}

const NEVER: Promise<never> = new Promise<never>(() => undefined);

function deviceLostError(reason: string): WorkerError {
  return new WorkerError(
    'DEVICE_LOST',
    `The GPU device was lost: ${reason}`,
    'The worker is restarting with fresh sessions; run the request again.',
  );
}

function describeAdapter(adapter: GPUAdapter): AdapterInfo {
  const info = adapter.info;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
  };
}

/**
 * Chooses WebGPU when an adapter and a device can be had, WASM otherwise, and says why in words.
 * A forced `webgpu` that cannot be had is an error rather than a silent fallback: the user asked for it.
 * The onnxruntime-web build that runs the choice comes from `ortRuntimeFor` (ort-runtime.ts).
 */
export async function selectBackend(
  choice: BackendChoice,
  simulateFault?: 'noAdapter' | 'requestDeviceFails',
  /** Test-only: race a software adapter as if it were hardware (SwiftShader is all a test machine has). */
  raceSoftwareAdapter = false,
): Promise<BackendState> {
  const isolated = globalThis.crossOriginIsolated === true;
  // Without cross-origin isolation there is no SharedArrayBuffer, so WASM threads are impossible.
  const threads = isolated ? Math.max(1, Math.min(4, Math.floor((navigator.hardwareConcurrency || 2) / 2))) : 1;
  const base: Omit<BackendInfo, 'backend'> = { crossOriginIsolated: isolated, wasmThreads: threads };

  if (choice === 'wasm') {
    return { info: { ...base, backend: 'wasm', fallbackReason: 'WASM was chosen in the settings.' }, lost: NEVER };
  }
  const fallback = (reason: string): BackendState => {
    if (choice === 'webgpu') {
      throw new WorkerError(
        'BACKEND_UNAVAILABLE',
        `WebGPU was requested but is not available: ${reason}`,
        'Choose "auto" or "WASM" as the backend, or open the app in a browser with WebGPU enabled.',
      );
    }
    return { info: { ...base, backend: 'wasm', fallbackReason: reason }, lost: NEVER };
  };

  // Node (the unit tests) has no navigator; the DOM types assume one.
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (!gpu) return fallback('this browser exposes no WebGPU (navigator.gpu is missing).');
  let adapter: GPUAdapter | null;
  try {
    adapter = simulateFault === 'noAdapter' ? null : await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return fallback(`requestAdapter failed: ${errorMessage(err)}`);
  }
  if (!adapter) return fallback('no WebGPU adapter was found.');
  let device: GPUDevice;
  try {
    if (simulateFault === 'requestDeviceFails') throw new Error('the device request was refused (simulated)');
    device = await requestOrtDevice(adapter);
  } catch (err) {
    return fallback(`requestDevice failed: ${errorMessage(err)}`);
  }
  // "auto" serves the visitor: a software adapter (a CPU implementation of WebGPU) is far slower than
  // WASM, so it is passed over; WebGPU chosen explicitly still gets it.
  const software = softwareAdapterName({
    ...describeAdapter(adapter),
    // `info` is missing in browsers older than Chrome 127, hence the optional chain.
    isFallbackAdapter: adapter.info?.isFallbackAdapter === true,
  });
  if (software !== null && choice === 'auto' && !raceSoftwareAdapter) {
    device.destroy();
    return {
      info: {
        ...base,
        backend: 'wasm',
        fallbackReason: softwareAdapterReason(software),
        passedOverAdapter: describeAdapter(adapter),
      },
      lost: NEVER,
    };
  }
  const state: BackendState = {
    info: { ...base, backend: 'webgpu', adapter: describeAdapter(adapter) },
    device,
    lost: NEVER,
    ...(choice === 'auto' ? { raceable: true } : {}),
  };
  state.lost = device.lost.then((lost) => {
    state.lostReason = lost.message || lost.reason || 'unknown reason';
    throw deviceLostError(state.lostReason);
  });
  // Nobody may be racing against it when it happens; the rejection is observed through assertDeviceAlive.
  state.lost.catch(() => undefined);
  return state;
}

/** Ask for the limits ORT's WebGPU kernels need (bigger buffers than the defaults), within the adapter's. */
async function requestOrtDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const wanted = [
    'maxComputeWorkgroupStorageSize',
    'maxComputeWorkgroupsPerDimension',
    'maxStorageBufferBindingSize',
    'maxBufferSize',
    'maxComputeInvocationsPerWorkgroup',
    'maxComputeWorkgroupSizeX',
    'maxComputeWorkgroupSizeY',
    'maxComputeWorkgroupSizeZ',
  ] as const;
  const requiredLimits: Record<string, number> = {};
  for (const name of wanted) requiredLimits[name] = adapter.limits[name];
  const requiredFeatures: GPUFeatureName[] = [];
  const wantedFeatures: GPUFeatureName[] = ['shader-f16', 'timestamp-query', 'subgroups'];
  for (const f of wantedFeatures) {
    if (adapter.features.has(f)) requiredFeatures.push(f);
  }
  return adapter.requestDevice({ requiredLimits, requiredFeatures });
}

export function assertDeviceAlive(state: BackendState | null): void {
  if (state?.lostReason !== undefined) throw deviceLostError(state.lostReason);
}
