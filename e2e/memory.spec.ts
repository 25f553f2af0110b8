import { expect, openApp, test, TINY_MODEL } from './fixtures';

/**
 * Twenty reconfigurations in a row must not grow memory: sessions of dropped buckets are released
 * and the weights held stay those of the live buckets. Measured with the browser's own
 * measureUserAgentSpecificMemory (page + worker, cross-origin isolated pages only).
 */
test('twenty bucket reconfigurations do not grow sessions, weights or memory', async ({ page }) => {
  await openApp(page);
  const out = await page.evaluate(async ({ model }) => {
    const api = window.bucketwiseTest!;
    const client = api.createClient();
    await client.call('init', { appBaseUrl: api.appBaseUrl(), backend: 'wasm' });
    await client.call('loadModel', { source: { kind: 'bundled', name: model } });
    const configs = [[8, 16, 32], [12, 24, 48], [10, 20, 40, 64]];
    const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
    const measure = async () => (perf.measureUserAgentSpecificMemory ? (await perf.measureUserAgentSpecificMemory()).bytes : null);
    const samples: { sessions: number; weights: number; bytes: number | null }[] = [];
    for (let i = 0; i < 20; i++) {
      const buckets = configs[i % configs.length]!;
      const res = await client.call('configure', { buckets, batchSize: 2, modes: ['bucketed'] });
      await client.call('logits', { inputIds: [[101, 1000, 1001, 102]], mode: 'bucketed' });
      samples.push({ sessions: res.memory.sessionCount, weights: res.memory.totalWeightBytes, bytes: i % 5 === 4 ? await measure() : null });
    }
    const info = await client.call('memory', {});
    client.dispose();
    return { samples, info, isolated: crossOriginIsolated };
  }, { model: TINY_MODEL });

  expect(out.isolated).toBe(true);
  for (const [i, s] of out.samples.entries()) {
    const buckets = [3, 3, 4][i % 3]!;
    // One static session per bucket plus the dynamic session used to read the model's inputs.
    expect(s.sessions).toBe(buckets + 1);
  }
  expect(Math.max(...out.samples.map((s) => s.weights))).toBeLessThanOrEqual(5 * out.samples[0]!.weights / 4);
  const measured = out.samples.map((s) => s.bytes).filter((b): b is number => b !== null);
  console.log(`memory after reconfigurations 5,10,15,20: ${measured.map((b) => (b / 2 ** 20).toFixed(1)).join(', ')} MiB`);
  expect(measured).toHaveLength(4);
  // Allow noise from garbage collection timing, but no growth per reconfiguration.
  expect(measured[3]!).toBeLessThan(measured[0]! * 1.25);
});
