import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BenchError } from './bench';

/** What the production build is made from; a change to any of these makes dist/ stale. */
const BUILD_INPUTS = ['src', 'workers', 'public', 'index.html', 'vite.config.ts', 'scripts/vite'];

/** Newest modification time under `target` (a file or a folder, walked recursively); test files do not count. */
function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(target) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * The benchmark builds into a folder of its own rather than dist/: in a checkout where others run
 * `vite build` or the e2e tests, a rebuild of dist/ during a long benchmark renames the hashed chunks
 * under the running page, which then fails to load them. BUCKETWISE_BENCH_DIR gives each of several
 * people benchmarking one checkout at once a folder of their own.
 */
export const BENCH_OUT_DIR =
  process.env.BUCKETWISE_BENCH_DIR ?? path.join('node_modules', '.cache', 'bucketwise-bench', 'app');

export function hasBuild(root: string): boolean {
  return existsSync(path.join(root, BENCH_OUT_DIR, 'index.html'));
}

/** Why the benchmark's build must be redone, in words, or null when it is up to date. */
export function staleReason(root: string): string | null {
  if (!hasBuild(root)) return 'there is no build yet';
  const built = statSync(path.join(root, BENCH_OUT_DIR, 'index.html')).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(root, input)) > built) return `${input} changed since the last build`;
  }
  return null;
}

/** Runs `vite build` when the build is missing or older than its inputs; the build's output goes to stderr. */
export async function ensureBuild(root: string, log: (line: string) => void): Promise<void> {
  const reason = staleReason(root);
  if (reason === null) {
    log(`The app build (${BENCH_OUT_DIR}) is up to date.`);
    return;
  }
  log(`Building the app (${reason})...`);
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--logLevel', 'warn', '--outDir', BENCH_OUT_DIR, '--emptyOutDir'],
      { cwd: root, stdio: ['ignore', 2, 2] },
    );
    child.on('error', reject);
    child.on('exit', (status) => resolve(status ?? 1));
  });
  if (code !== 0) {
    throw new BenchError(
      'BUILD_FAILED',
      `vite build failed with exit status ${code} (its output is above); fix the build or rerun with --no-build to use the previous build.`,
    );
  }
}
