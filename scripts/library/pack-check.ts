/**
 * CI check of the packed library (npm run test:pack, after build:lib): packs dist-lib with `npm pack`,
 * installs the tarball into an empty folder beside onnxruntime-web (its peer; resolved from the npm
 * cache when it is there), then, as that folder's own code:
 *   1. imports `bucketwise` in Node and runs the tiny NER model through BucketedSession on WASM,
 *      comparing the logits with an unpadded run;
 *   2. type-checks a TypeScript file against the shipped declarations (a wrong option must be an error),
 *      and every TypeScript example of the package's README (docs/LIBRARY.md).
 * Usage: tsx scripts/library/pack-check.ts [--keep]   (--keep leaves the temp folder for inspection)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOC_EXAMPLE_AMBIENT, typescriptBlocks } from './doc-examples';

const root = path.resolve(import.meta.dirname, '../..');
const libDir = path.join(root, process.env.BUCKETWISE_LIB_OUT ?? 'dist-lib');
const keep = process.argv.includes('--keep');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(path.join(os.tmpdir(), 'bucketwise-pack-'));

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

try {
  const packed = JSON.parse(sh(npm, ['pack', libDir, '--pack-destination', work, '--json'], root)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = path.join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  for (const wanted of ['package.json', 'index.js', 'worker.js', 'types/lib/index.d.ts', 'README.md']) {
    if (!files.includes(wanted)) throw new Error(`The tarball lacks ${wanted}; it holds: ${files.join(', ')}`);
  }
  const stray = files.filter((f) => /onnxruntime|\.test\.|node_modules|^src\//.test(f));
  if (stray.length > 0) throw new Error(`The tarball holds files a library user must not get: ${stray.join(', ')}`);
  console.log(`packed ${packed[0].filename}: ${files.length} files`);

  const consumer = path.join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'bucketwise-consumer', private: true, type: 'module' }, null, 2),
  );
  const ortVersion = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  ).dependencies['onnxruntime-web'];
  sh(
    npm,
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `onnxruntime-web@${ortVersion}`],
    consumer,
  );
  console.log(`installed the tarball and onnxruntime-web@${ortVersion} into an empty folder`);

  const model = path.join(root, 'public/models/tiny-bert-ner/onnx/model.onnx');
  writeFileSync(
    path.join(consumer, 'check.mjs'),
    `import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { BucketedSession, SessionSet, chooseBuckets, createBucketedWorker, bucketMetrics, histogramFromLengths } from 'bucketwise';
if (typeof createBucketedWorker !== 'function') throw new Error('createBucketedWorker is not exported');
if (!existsSync(fileURLToPath(import.meta.resolve('bucketwise/worker.js')))) throw new Error('bucketwise/worker.js does not resolve to a file');
const { buckets } = chooseBuckets([3, 5, 9, 14, 16], { algorithm: 'optimal', k: 2 });
if (buckets.join() !== '5,16') throw new Error('chooseBuckets gave ' + buckets.join());
if (!(bucketMetrics(histogramFromLengths([3, 5]), [8]).paddingEfficiency > 0)) throw new Error('bucketMetrics');
ort.env.wasm.numThreads = 1;
const bytes = new Uint8Array(readFileSync(${JSON.stringify(model)}));
const ids = [101, 1500, 2500, 3500, 102];
const feeds = (n) => ({
  input_ids: { data: BigInt64Array.from(ids.slice(0, n).map(BigInt)), dims: [1, n] },
  attention_mask: { data: new BigInt64Array(n).fill(1n), dims: [1, n] },
  token_type_ids: { data: new BigInt64Array(n), dims: [1, n] },
});
const session = await BucketedSession.create({ model: bytes, backend: 'wasm', dims: ['sequence_length'], buckets: [8, 16], ort });
const out = await session.run(feeds(5));
const plain = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
const f = feeds(5);
const want = (await plain.run(Object.fromEntries(Object.entries(f).map(([k, t]) => [k, new ort.Tensor('int64', t.data, t.dims)])))).logits.data;
let worst = 0;
for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - out.logits.data[i]));
if (out.logits.dims.join() !== '1,5,9' || worst > 1e-4) throw new Error('logits differ: dims ' + out.logits.dims + ', max diff ' + worst);
console.log('node import ok: logits of 5 tokens padded to bucket 8 match an unpadded run (max diff ' + worst.toExponential(1) + '), stats runs=' + session.stats().runs);
await session.dispose();
// Two bucketed sessions of one model on one exported SessionSet, under their own key prefixes.
const set = new SessionSet(ort, { backend: 'wasm' });
const a = BucketedSession.attach({ ort, modelBytes: bytes, sessionSet: set, dims: ['sequence_length'], buckets: [8], keyPrefix: 'a ' });
const b = BucketedSession.attach({ ort, modelBytes: bytes, sessionSet: set, dims: ['sequence_length'], buckets: [16], keyPrefix: 'b ' });
await a.run(feeds(5));
await b.run(feeds(5));
if (set.memory().sessions.map((s) => s.key).sort().join() !== 'a 8@1,b 16@1') throw new Error('shared set keys ' + set.keys());
await a.dispose();
if (set.keys().join() !== 'b 16@1') throw new Error('dispose of one attached session released ' + set.keys());
await b.dispose();
console.log('node import ok: two attached sessions share one SessionSet');
`,
  );
  process.stdout.write(sh(process.execPath, ['check.mjs'], consumer));

  writeFileSync(
    path.join(consumer, 'check.ts'),
    `import { BucketedSession, type BucketedSessionOptions, type RunOutputs } from 'bucketwise';
const options: BucketedSessionOptions = { model: '/model.onnx', dims: ['sequence_length'], buckets: [16, 32], overflow: 'windows', batchSizes: [1, 4] };
// @ts-expect-error: 'sometimes' is not an overflow policy, so the declarations must reject it.
const wrong: BucketedSessionOptions = { model: '/model.onnx', dims: ['sequence_length'], overflow: 'sometimes' };
export async function use(): Promise<RunOutputs> {
  const s = await BucketedSession.create(options);
  return s.run({ input_ids: { data: [101, 102], dims: [1, 2] } });
}
export { wrong };
`,
  );
  // The installed README's examples (docs/LIBRARY.md), as a developer would paste them.
  const examples = typescriptBlocks(readFileSync(path.join(consumer, 'node_modules/bucketwise/README.md'), 'utf8'));
  writeFileSync(path.join(consumer, 'doc-ambient.d.ts'), DOC_EXAMPLE_AMBIENT);
  const exampleFiles = examples.map((code, i) => {
    const file = `doc-example-${i + 1}.ts`;
    writeFileSync(path.join(consumer, file), `${code}\nexport {};\n`);
    return file;
  });
  // Both resolutions apps use: Node's ESM rules (extensions required) and a bundler's.
  for (const [module, moduleResolution] of [
    ['NodeNext', 'NodeNext'],
    ['ESNext', 'Bundler'],
  ]) {
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module,
          moduleResolution,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM'],
          types: [],
        },
        files: ['check.ts', 'doc-ambient.d.ts', ...exampleFiles],
      }),
    );
    sh(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);
    console.log(
      `types ok (moduleResolution ${moduleResolution}): a consumer file and the README's ${exampleFiles.length} examples type-check against the shipped declarations, and a wrong option is a type error`,
    );
  }
  console.log('test:pack passed');
} catch (err) {
  const e = err as Error & { stdout?: string; stderr?: string };
  console.error(`test:pack failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
