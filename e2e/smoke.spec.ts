import type { Mode } from '../src/protocol/types';
import { expect, openApp, test, TINY_MODEL } from './fixtures';

test('the page loads, reports a WebGPU adapter, and the tiny model agrees on WebGPU and WASM', async ({
  page,
  pageErrors,
}) => {
  // "auto" passes over SwiftShader (a software adapter) for WASM: WebGPU is forced here.
  await openApp(page, 'testHooks&backend=webgpu');
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');

  const result = await page.evaluate(
    async ({ model }) => {
      const api = window.bucketwiseTest!;
      // Fixed ids: [CLS] tokens... [SEP] of two lengths, so two buckets are exercised.
      const inputs = [
        [101, 1943, 1110, 3934, 1121, 151, 102],
        [101, 1943, 1110, 3934, 1121, 23892, 1106, 1203, 1365, 119, 1262, 1175, 1110, 1167, 1106, 1474, 1164, 102],
      ];
      const out: Record<string, { backend: string; adapter: string; logits: number[][]; buckets: number[] }> = {};
      for (const backend of ['webgpu', 'wasm'] as const) {
        const client = api.createClient();
        const info = await client.init({ appBaseUrl: api.appBaseUrl(), backend });
        await client.loadModel({ source: { kind: 'bundled', name: model } });
        await client.configure({ buckets: [8, 32], batchSize: 2, modes: ['bucketed' as Mode] });
        const res = await client.logits({ inputIds: inputs, mode: 'bucketed' });
        out[backend] = {
          backend: info.backend,
          adapter: info.adapter?.vendor ?? '',
          logits: res.logits.map((l) => Array.from(l)),
          buckets: res.buckets,
        };
        client.dispose();
      }
      return out;
    },
    { model: TINY_MODEL },
  );

  expect(result.webgpu!.backend).toBe('webgpu');
  expect(result.wasm!.backend).toBe('wasm');
  expect(result.webgpu!.buckets).toEqual([8, 32]);
  for (let i = 0; i < 2; i++) {
    const a = result.webgpu!.logits[i]!;
    const b = result.wasm!.logits[i]!;
    expect(a.length).toBe(b.length);
    expect(a.length).toBeGreaterThan(0);
    const maxDiff = Math.max(...a.map((x, j) => Math.abs(x - b[j]!)));
    expect(maxDiff).toBeLessThan(1e-3);
  }
  expect(pageErrors).toEqual([]);
});
