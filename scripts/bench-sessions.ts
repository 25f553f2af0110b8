/**
 * Per-bucket sessions with and without WebGPU graph capture, and one shared session, side by side in
 * one run (issue 16 items 3 and 5): `npx tsx scripts/bench-sessions.ts [options]`.
 *
 *   --model tiny|bundled|<folder>  (default tiny)      --dataset wnut17|<file> (default wnut17)
 *   --items N (default 24)   --seed N (default 17)   --batch N (default 1)   --buckets 16,32,64
 *   --reps N (default 3)     --backend webgpu|wasm (default webgpu)   --no-build
 *
 * Three variants over the same token ids, the same buckets and batch size, each in its own worker:
 *   captured   bucketed, one static session per bucket, graph capture on (WebGPU only)
 *   per-bucket bucketed, one static session per bucket, no capture
 *   shared     bucketed-shared, the same padded shapes through one dynamic-shape session
 * Every variant first runs all items once (every shape compiled, the graphs captured), then the timed
 * passes run the variants in rotated order so that load on a shared machine falls on all alike.
 * The logits of each variant are compared with per-bucket's (max absolute difference).
 */
import { summarizeLatencies } from '../src/core/timing';
import type { ConfigureResult } from '../src/protocol/types';
import { BenchError, sampleIndices } from './lib/bench';
import { BENCH_OUT_DIR, ensureBuild, hasBuild } from './lib/bench-build';
import { launchChromium } from './lib/chromium';
import { loadBenchDataset } from './lib/bench-dataset';
import { resolveBenchModel } from './lib/bench-model';
import { startStaticServer } from './lib/static-server';
import { loadTokenizer } from './lib/tokenize-node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VARIANTS = ['captured', 'per-bucket', 'shared'] as const;
type Variant = (typeof VARIANTS)[number];

interface Options {
  model: string;
  dataset: string;
  items: number;
  seed: number;
  batch: number;
  buckets: number[];
  reps: number;
  backend: 'webgpu' | 'wasm';
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    model: 'tiny',
    dataset: 'wnut17',
    items: 24,
    seed: 17,
    batch: 1,
    buckets: [16, 32, 64],
    reps: 3,
    backend: 'webgpu',
    build: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--no-build') {
      o.build = false;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new BenchError('MISSING_VALUE', `${flag} needs a value.`);
    const whole = (min: number) => {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min)
        throw new BenchError('BAD_NUMBER', `${flag} ${value}: use a whole number of at least ${min}.`);
      return n;
    };
    switch (flag) {
      case '--model':
        o.model = value;
        break;
      case '--dataset':
        o.dataset = value;
        break;
      case '--items':
        o.items = whole(1);
        break;
      case '--seed':
        o.seed = whole(0);
        break;
      case '--batch':
        o.batch = whole(1);
        break;
      case '--reps':
        o.reps = whole(1);
        break;
      case '--buckets':
        o.buckets = value.split(',').map((s) => Number(s));
        break;
      case '--backend':
        if (value !== 'webgpu' && value !== 'wasm')
          throw new BenchError('BAD_BACKEND', `--backend ${value}: use webgpu or wasm.`);
        o.backend = value;
        break;
      default:
        throw new BenchError(
          'UNKNOWN_OPTION',
          `Unknown option ${flag}; see the comment at the top of scripts/bench-sessions.ts.`,
        );
    }
  }
  if (
    o.buckets.some((b) => !Number.isInteger(b) || b < 3) ||
    o.buckets.some((b, i) => i > 0 && b <= o.buckets[i - 1]!)
  ) {
    throw new BenchError(
      'BAD_BUCKETS',
      `--buckets ${o.buckets.join(',')}: use increasing whole numbers of at least 3.`,
    );
  }
  return o;
}

interface PageOutcome {
  statuses: Record<Variant, ConfigureResult['graphCapture']>;
  passMs: Record<Variant, number[]>;
  logits: Record<Variant, number[][]>;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const model = resolveBenchModel(o.model, ROOT);
  const dataset = loadBenchDataset(o.dataset);
  const texts = sampleIndices(dataset.texts.length, o.items, o.seed).map((i) => dataset.texts[i]!);
  const tokenizer = await loadTokenizer(model.dir);
  const maxBucket = o.buckets[o.buckets.length - 1]!;
  // [CLS] ... [SEP] as the app frames a segment; longer texts are cut to the largest bucket.
  const ids = texts.map((t) => {
    const full = Array.from(tokenizer.encode(t) as number[]);
    return full.length <= maxBucket ? full : [...full.slice(0, maxBucket - 1), full[full.length - 1]!];
  });
  if (o.build) await ensureBuild(ROOT, (l) => process.stderr.write(`${l}\n`));
  else if (!hasBuild(ROOT))
    throw new BenchError('BUILD_FAILED', `--no-build was given but there is no build in ${BENCH_OUT_DIR}.`);
  const server = await startStaticServer(ROOT, BENCH_OUT_DIR, model);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // tsx keeps function names through a helper the page lacks.
    await page.addInitScript('window.__name = (fn) => fn;');
    page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
    await page.goto(`${server.url}?testHooks`, { timeout: 180_000 });
    await page.waitForFunction(() => window.bucketwiseTest !== undefined, undefined, { timeout: 180_000 });
    process.stderr.write(
      `${ids.length} ${dataset.name} items, buckets [${o.buckets.join(', ')}], batch ${o.batch}, ${o.backend}, ${o.reps} timed passes per variant.\n`,
    );
    const out: PageOutcome = await page.evaluate(
      async ({ ids, o, modelName, variants }) => {
        const api = window.bucketwiseTest!;
        const modeOf = (v: string) =>
          (v === 'shared' ? 'bucketed-shared' : 'bucketed') as 'bucketed' | 'bucketed-shared';
        const clients: Record<string, ReturnType<typeof api.createClient>> = {};
        const statuses: Record<string, { requested: boolean; active: boolean; reason?: string }> = {};
        const passMs: Record<string, number[]> = {};
        const logits: Record<string, number[][]> = {};
        for (const v of variants) {
          const client = api.createClient();
          clients[v] = client;
          await client.init({ appBaseUrl: api.appBaseUrl(), backend: o.backend });
          await client.loadModel({ source: { kind: 'bundled', name: modelName } });
          const configured = await client.configure({
            buckets: o.buckets,
            batchSize: o.batch,
            modes: [modeOf(v)],
            graphCapture: v === 'captured',
          });
          statuses[v] = configured.graphCapture;
          console.log(
            `${v}: configured (graph capture ${JSON.stringify(configured.graphCapture)}); first pass over every item`,
          );
          const first = await client.logits({ inputIds: ids, mode: modeOf(v) });
          logits[v] = first.logits.map((l) => Array.from(l));
          passMs[v] = [];
        }
        for (let rep = 0; rep < o.reps; rep++) {
          const order = variants.map((_, i) => variants[(i + rep) % variants.length]!);
          for (const v of order) {
            const t0 = performance.now();
            await clients[v]!.logits({ inputIds: ids, mode: modeOf(v) });
            passMs[v]!.push(performance.now() - t0);
          }
          console.log(`timed pass ${rep + 1} of ${o.reps} done`);
        }
        for (const c of Object.values(clients)) c.dispose();
        return { statuses, passMs, logits } as never;
      },
      { ids, o, modelName: model.name, variants: [...VARIANTS] },
    );

    const ref = out.logits['per-bucket'];
    const itemsPerSec = (v: Variant) => ids.length / (summarizeLatencies(out.passMs[v]).p50 / 1000);
    const maxDiff = (v: Variant) =>
      Math.max(...out.logits[v].map((l, i) => Math.max(...l.map((x, j) => Math.abs(x - ref[i]![j]!)))));
    // Each timed pass runs every variant back to back, so the ratio within a pass shares that moment's
    // machine load; their median is steadier than the ratio of medians when the load drifts.
    const pairedRatio = (v: Variant) =>
      summarizeLatencies(out.passMs['per-bucket'].map((ms, rep) => ms / out.passMs[v][rep]!)).p50;
    const rows = VARIANTS.map(
      (v) =>
        `| ${v} | ${itemsPerSec(v).toFixed(2)} | ${(itemsPerSec(v) / itemsPerSec('per-bucket')).toFixed(2)}x | ${pairedRatio(v).toFixed(2)}x | ${maxDiff(v).toExponential(1)} | ${out.passMs[v].map((ms) => Math.round(ms)).join(', ')} |`,
    );
    process.stdout.write(
      [
        `command: npx tsx scripts/bench-sessions.ts ${process.argv.slice(2).join(' ')}`,
        `graph capture: ${JSON.stringify(out.statuses.captured)}`,
        '| variant | items/s (median pass) | x per-bucket | x per-bucket, median of paired passes | max abs logit diff vs per-bucket | pass ms |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
