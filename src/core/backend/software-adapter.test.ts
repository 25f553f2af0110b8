import { describe, expect, it } from 'vitest';
import { softwareAdapterName, softwareAdapterReason } from './software-adapter';

describe('softwareAdapterName', () => {
  it('knows SwiftShader, llvmpipe and WARP by their descriptions', () => {
    expect(softwareAdapterName({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe('SwiftShader');
    expect(softwareAdapterName({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('llvmpipe');
    expect(softwareAdapterName({ description: 'Microsoft Basic Render Driver' })).toBe('WARP');
    expect(softwareAdapterName({ description: 'WARP' })).toBe('WARP');
  });
  it('trusts isFallbackAdapter when the names say nothing', () => {
    expect(softwareAdapterName({ isFallbackAdapter: true, vendor: 'acme' })).toBe('a fallback adapter');
  });
  it('leaves hardware adapters alone', () => {
    expect(
      softwareAdapterName({
        vendor: 'nvidia',
        architecture: 'ada',
        description: 'NVIDIA GeForce RTX 4090',
        isFallbackAdapter: false,
      }),
    ).toBeNull();
    expect(softwareAdapterName({ vendor: 'apple', architecture: 'metal-3' })).toBeNull();
    expect(softwareAdapterName({ description: 'Intel(R) UHD Graphics 630 (hardware warping)' })).toBeNull();
  });
  it('says why in one sentence and how to get WebGPU back', () => {
    const reason = softwareAdapterReason('SwiftShader');
    expect(reason.split('. ').length).toBe(1);
    expect(reason).toMatch(/auto chose WASM/);
    expect(reason).toMatch(/choose WebGPU/);
  });
});
