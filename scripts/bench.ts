/**
 * The headless benchmark command (issue 8): `npm run bench -- [options]`, see --help.
 *
 * Builds the app when its build is stale, serves it on 127.0.0.1, opens headless Chromium and drives the
 * app's own inference worker (its `benchmark` request) through the page's test API, so the timings are
 * those of the code users run. The table goes to stdout, progress to stderr, `--json` to a file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BenchError,
  type BenchConfigRecord,
  type BenchOptions,
  type ReferenceResult,
  buildJsonReport,
  coldOrder,
  compileNote,
  effectiveDistribution,
  evaluateColdTargets,
  evaluateTargets,
  medianRun,
  formatRegimeTable,
  formatConfigSummary,
  formatColdRepetitions,
  formatExplanation,
  formatFirstRuns,
  formatResultsTable,
  formatTargets,
  HELP_TEXT,
  parseBenchArgs,
  regimesOf,
  resolveBuckets,
  sampleIndices,
  withRatiosToPadToMax,
} from './lib/bench';
import { ladderSizes } from '../src/core/routing';
import type { BenchmarkParams, Mode, ModeResult, Regime } from '../src/protocol/types';
import { BucketError } from '../src/core/buckets';
import { ConllParseError } from '../src/core/datasets/conll';
import { DatasetError } from '../src/core/datasets/text';
import { BenchBrowser, BrowserRunError } from './lib/bench-browser';
import { BENCH_OUT_DIR, ensureBuild, hasBuild } from './lib/bench-build';
import { loadBenchDataset } from './lib/bench-dataset';
import { resolveBenchModel } from './lib/bench-model';
import { createProgressLog, type ProgressLog } from './lib/bench-progress';
import { SharedDataError } from './lib/shared-data';
import { startStaticServer } from './lib/static-server';
import { errorMessage } from '../src/core/errors';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The checkout's commit, with "+changes" when files differ from it, so a result can be traced to code. */
function revision(): string | undefined {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !==
      '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return undefined;
  }
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The first message of each stage (a mode's warm-up, a repetition) stays on screen; the rest are status. */
function stageLogger<P extends { message: string }>(log: ProgressLog, stageOf: (p: P) => string): (p: P) => void {
  let stage: string | undefined;
  return (p) => {
    const next = stageOf(p);
    if (next === stage) log.status(p.message);
    else log.line(p.message);
    stage = next;
  };
}

async function run(argv: string[], log: ProgressLog): Promise<void> {
  const options: BenchOptions = parseBenchArgs(argv);
  if (options.help) {
    process.stdout.write(`${HELP_TEXT}\n`);
    return;
  }
  const model = resolveBenchModel(options.model, ROOT);
  const dataset = loadBenchDataset(options.dataset);
  const texts = sampleIndices(dataset.texts.length, options.items, options.seed).map((i) => dataset.texts[i]!);
  log.line(
    `${dataset.name}: using ${texts.length} of ${dataset.texts.length} items${texts.length < dataset.texts.length ? ` (sampled with seed ${options.seed})` : ''}.`,
  );

  // Read before building, so it names the sources the build was made from.
  const rev = revision();
  if (options.build) await ensureBuild(ROOT, log.line);
  else if (!hasBuild(ROOT))
    throw new BenchError(
      'BUILD_FAILED',
      `--no-build was given but there is no build in ${BENCH_OUT_DIR} yet; run once without --no-build.`,
    );
  const server = await startStaticServer(ROOT, BENCH_OUT_DIR, model);
  let browser: BenchBrowser | undefined;
  try {
    log.line(`Serving the app at ${server.url}; starting headless Chromium (${options.backend}).`);
    browser = await BenchBrowser.open(server.url, { verbose: options.verbose, log: log.line });
    const setup = await browser.setup(options.backend, model.name);
    const adapter = setup.backend.adapter;
    const adapterText = adapter
      ? [adapter.vendor, adapter.architecture, adapter.description].filter((s) => s !== '').join(' / ')
      : undefined;
    log.line(
      `Worker on ${setup.backend.backend}${adapterText ? ` (${adapterText})` : ''}; model ${setup.model.name} loaded.`,
    );

    const lengths = await browser.tokenize(texts);
    const resolved = resolveBuckets(options.buckets, {
      lengths,
      batchSize: options.batchSize,
      maxPositions: setup.model.maxPositions,
      distribution: effectiveDistribution(options),
    });
    log.line(`Buckets [${resolved.buckets.join(', ')}] (${resolved.source}).`);

    const regimes = regimesOf(options);
    const base: BenchmarkParams = {
      texts,
      modes: options.modes,
      batchSize: options.batchSize,
      buckets: resolved.buckets,
      warmupRuns: options.warmupRuns,
      repetitions: options.repetitions,
      batchSizeBuckets: options.batchBuckets,
      batchSizes: ladderSizes(options.batchLadder, options.batchSize),
    };
    const results: ModeResult[] = [];
    let coldRepetitionsText: string | undefined;
    let itemsUsed = texts.length;
    for (const regime of regimes) {
      if (regime === 'cold') {
        // Each cold run in a fresh browser: a fresh worker alone kept a bias (the mode run first had the
        // shorter traffic in every pair we timed), so nothing an earlier run left behind may carry over.
        // With --cold-reps the order rotates, and each mode keeps its median run.
        const runs = new Map<Mode, (ModeResult & { position: number })[]>();
        for (let rep = 0; rep < options.coldRepetitions; rep++) {
          const order = coldOrder(options.modes, rep);
          for (const [position, mode] of order.entries()) {
            log.line(
              `Cold stream${options.coldRepetitions > 1 ? ` ${rep + 1} of ${options.coldRepetitions}` : ''}, ${mode}: fresh browser, worker and sessions, its own warm-up, then every item once.`,
            );
            await browser.close();
            browser = await BenchBrowser.open(server.url, { verbose: options.verbose, log: log.line });
            await browser.setup(options.backend, model.name);
            const out = await browser.benchmark(
              { ...base, modes: [mode], regime },
              stageLogger(log, (p) => `cold:${p.mode}:${p.repetition}`),
            );
            const list = runs.get(mode) ?? [];
            list.push(...out.results.map((r) => ({ ...r, position })));
            runs.set(mode, list);
            itemsUsed = out.itemsUsed;
          }
        }
        if (options.coldRepetitions > 1) coldRepetitionsText = formatColdRepetitions(options.modes, runs);
        const cold = options.modes.map((mode) => {
          const { position: _position, ...median } = medianRun(runs.get(mode)!);
          return median;
        });
        results.push(...withRatiosToPadToMax(cold));
      } else {
        log.line('Steady: a fresh worker; every shape warmed, then timed passes, modes interleaved.');
        await browser.setup(options.backend, model.name);
        const out = await browser.benchmark(
          { ...base, regime },
          stageLogger(log, (p) => `${p.mode}:${p.repetition}`),
        );
        results.push(...out.results);
        itemsUsed = out.itemsUsed;
      }
    }
    const bench = { results, itemsUsed };
    const ofRegime = (regime: Regime) => results.filter((r) => r.regime === regime);
    let reference: ReferenceResult | undefined;
    if (options.reference) {
      log.line('Timing the transformers.js token-classification pipeline (reference, run after the modes).');
      reference = await browser.reference(
        {
          model: model.name,
          texts,
          batchSize: options.batchSize,
          backend: options.backend,
          wasmThreads: setup.backend.wasmThreads,
          warmupRuns: options.warmupRuns,
          repetitions: options.repetitions,
        },
        stageLogger(log, (p) => String(p.repetition)),
      );
    }
    log.line('Done.');

    const config: BenchConfigRecord = {
      command: ['npm', 'run', 'bench', '--', ...argv].map(quoteArg).join(' '),
      ...(rev ? { revision: rev } : {}),
      model: {
        name: setup.model.name,
        source: options.model,
        bytes: setup.model.modelBytes,
        maxPositions: setup.model.maxPositions,
      },
      dataset: { name: dataset.name, totalItems: dataset.texts.length },
      itemsUsed: bench.itemsUsed,
      seed: options.seed,
      batchSize: options.batchSize,
      backend: {
        requested: options.backend,
        used: setup.backend.backend,
        wasmThreads: setup.backend.wasmThreads,
        crossOriginIsolated: setup.backend.crossOriginIsolated,
        ...(adapterText ? { adapter: adapterText } : {}),
      },
      buckets: resolved.buckets,
      bucketSource: resolved.source,
      bucketNotes: resolved.notes,
      modes: options.modes,
      regimes,
      ...(options.batchBuckets && options.batchSize > 1
        ? { batchSizes: ladderSizes(options.batchLadder, options.batchSize) }
        : {}),
      loadAverage: loadavg()
        .map((x) => x.toFixed(2))
        .join(', '),
      warmupRuns: options.warmupRuns,
      repetitions: options.repetitions,
      browser: browser.version(),
      date: new Date().toISOString(),
    };
    const out = process.stdout;
    out.write(`${formatConfigSummary(config)}\n`);
    for (const regime of regimes) {
      const rows = ofRegime(regime);
      out.write(
        regime === 'cold'
          ? '\nCold stream (what a visitor lives through; traffic time and items/s include any compile during traffic):\n'
          : '\nSteady (every shape seen before timing):\n',
      );
      out.write(`${formatResultsTable(rows, regime === 'steady' ? reference : undefined)}\n\n`);
      out.write(`${formatRegimeTable(rows)}\n`);
      const note = compileNote(rows);
      if (note) out.write(`${note}\n`);
      out.write(`First run per shape (rows x length; compile and allocation):\n${formatFirstRuns(rows)}\n`);
      const why = formatExplanation(rows, { backend: config.backend.used, batchSize: options.batchSize });
      if (why) out.write(`${why}\n`);
      if (regime === 'cold') {
        if (coldRepetitionsText) out.write(`${coldRepetitionsText}\n`);
        const coldChecks = evaluateColdTargets(rows);
        if (coldChecks.length > 0) {
          out.write(
            `\nIssue 16 cold-stream targets (set for WebGPU, batch 1, 64 WNUT-17 items, the tiny model; this run: ${config.backend.used}, batch ${options.batchSize}, ${bench.itemsUsed} ${dataset.name} items, ${setup.model.name}):\n${formatTargets(coldChecks)}\n`,
          );
        }
      } else {
        const checks = evaluateTargets(rows, reference, resolved.buckets.length);
        if (checks.length > 0) {
          out.write(
            `\nSteady targets of issues 8 and 16 (set for WNUT-17 train on WASM at batch 64 with 4 buckets; this run: ${dataset.name}, ${config.backend.used}, batch ${options.batchSize}, ${resolved.buckets.length} buckets):\n${formatTargets(checks)}\n`,
          );
        }
      }
    }
    out.write(
      "\nideal = pad-to-max computed tokens / this mode's; measured = items/s / pad-to-max items/s, same regime and run.\n",
    );
    out.write(
      "Per-item latency = time from the start of the run of the batch holding the item to that batch's result (batch 1: the item's own run).\n",
    );
    if (options.json) {
      const file = path.resolve(options.json);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(buildJsonReport(config, bench.results, reference), null, 2)}\n`);
      log.line(`Wrote ${file}.`);
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** 2 for what the user can fix in the command line or the data it names, 1 for failures while running. */
function exitCodeFor(err: unknown): number {
  if (err instanceof BenchError) return err.code === 'BUILD_FAILED' ? 1 : 2;
  if (
    err instanceof BucketError ||
    err instanceof DatasetError ||
    err instanceof SharedDataError ||
    err instanceof ConllParseError
  )
    return 2;
  return 1;
}

async function main(): Promise<void> {
  // Vite warns on every config load about a future config loader; once per run is noise on stderr.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const log = createProgressLog();
  try {
    await run(process.argv.slice(2), log);
  } catch (err) {
    const code = exitCodeFor(err);
    if (err instanceof BrowserRunError) {
      log.line(`bench: the run failed in the browser [${err.code}]: ${err.message}${err.hint ? ` ${err.hint}` : ''}`);
    } else if (code === 2) {
      log.line(`bench: ${errorMessage(err)}`);
    } else {
      log.line(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    process.exitCode = code;
  }
}

await main();
