import { WHEN_BUCKETING_WINS_ANCHOR } from '../core/charts';

/**
 * The short answer in the page, and the long one (figures and commands) in docs/BENCHMARKS.md. The build
 * ships that file under docs/ (vite.config.ts), so the link works wherever the app is hosted; in the
 * repository it is docs/BENCHMARKS.md, section "When bucketing wins".
 */
export function WhenBucketingWins() {
  return (
    <details className="when-wins" data-testid="when-bucketing-wins">
      <summary>When does bucketing win?</summary>
      <p>
        On WebGPU every new input shape compiles new GPU pipelines the first time it runs, and the item waits for it.
        Bucketing keeps a few fixed shapes that are compiled during warm-up, so traffic never waits for a compile;
        dynamic shapes compile again for each new length. On WASM nothing is compiled per shape, so padding each batch
        exactly to its longest item (dynamic) is usually the fastest, and bucketing mainly beats padding everything to
        the maximum.
      </p>
      <p>
        Figures for both backends and both regimes, with the commands that produced them:{' '}
        <a
          href={`docs/BENCHMARKS.md#${WHEN_BUCKETING_WINS_ANCHOR}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="when-bucketing-wins-link"
        >
          docs/BENCHMARKS.md, “When bucketing wins”
        </a>
        .
      </p>
    </details>
  );
}
