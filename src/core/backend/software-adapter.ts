/**
 * Whether a WebGPU adapter is a software one: a CPU implementation (SwiftShader, llvmpipe, WARP) that
 * Chrome hands out where the GPU is blocklisted or absent. Models run far slower there than on WASM
 * (about 80x for the bundled NER model), so "auto" must not choose it.
 */
export interface AdapterFacts {
  isFallbackAdapter?: boolean;
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

const SOFTWARE_ADAPTERS: readonly [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/microsoft basic render|\bwarp\b/i, 'WARP'],
];

/** The name of the software implementation, or null for a hardware adapter. */
export function softwareAdapterName(info: AdapterFacts): string | null {
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  for (const [pattern, name] of SOFTWARE_ADAPTERS) if (pattern.test(text)) return name;
  return info.isFallbackAdapter ? 'a fallback adapter' : null;
}

/** The badge's sentence when "auto" passed over a software adapter. */
export function softwareAdapterReason(name: string): string {
  return `WebGPU here runs on ${name}, a software adapter that is much slower than WASM, so auto chose WASM; choose WebGPU in the settings to use it anyway.`;
}
