import { expect, openApp, startWorkerClient, test } from './fixtures';

/**
 * Long use: two hundred runs with a bucket reconfiguration before each must not grow memory. Sessions of
 * dropped buckets are released and the weights held stay those of the live buckets. Memory is measured
 * with the browser's own measureUserAgentSpecificMemory (page and worker; needs cross-origin isolation).
 * The figures printed here are recorded in docs/BENCHMARKS.md.
 */
const CONFIGS = [
  [8, 16, 32],
  [12, 24, 48],
  [10, 20, 40, 64],
];

test('two hundred runs with reconfigurations keep sessions, weights and memory flat', async ({ page }) => {
  test.setTimeout(600_000);
  await openApp(page);
  const client = await startWorkerClient(page, { backend: 'wasm' });
  const out = await page.evaluate(
    async ({ client, CONFIGS }) => {
      const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
      const measure = async () =>
        perf.measureUserAgentSpecificMemory ? (await perf.measureUserAgentSpecificMemory()).bytes : null;
      const texts = [
        'Ada Lovelace wrote to Charles Babbage from London.',
        'Short one.',
        'A somewhat longer sentence about Nairobi, Lagos, Accra and Addis Ababa in 2024.',
      ];
      const samples: { run: number; sessions: number; weights: number; bytes: number | null }[] = [];
      for (let run = 1; run <= 200; run++) {
        const res = await client.configure({
          buckets: CONFIGS[run % CONFIGS.length]!,
          batchSize: 2,
          modes: ['bucketed'],
        });
        await client.classify({ texts, aggregation: 'simple', overflow: 'window', mode: 'bucketed' });
        const measured = run === 1 || run % 50 === 0 ? await measure() : null;
        samples.push({ run, sessions: res.memory.sessionCount, weights: res.memory.totalWeightBytes, bytes: measured });
      }
      client.dispose();
      return { samples, isolated: crossOriginIsolated };
    },
    { client, CONFIGS },
  );

  expect(out.isolated).toBe(true);
  for (const s of out.samples) {
    // One static session per bucket, nothing else: the model's inputs are read from its ONNX bytes, so
    // no extra session is created to probe them.
    expect(s.sessions).toBe(CONFIGS[s.run % 3]!.length);
  }
  const weights = out.samples.map((s) => s.weights);
  expect(Math.max(...weights)).toBe(Math.max(...weights.slice(0, 3)));
  const measured = out.samples.filter((s) => s.bytes !== null).map((s) => ({ run: s.run, mib: s.bytes! / 2 ** 20 }));
  console.log(`memory (page + worker) by run: ${measured.map((m) => `${m.run}: ${m.mib.toFixed(1)} MiB`).join(', ')}`);
  expect(measured).toHaveLength(5);
  // Garbage collection timing adds noise; a leak of even 1% a run would show as doubling.
  expect(measured[4]!.mib).toBeLessThan(measured[1]!.mib * 1.25);
});
