import { fmtInt, fmtMB, fmtMs, fmtPct, fmtRate, type BucketFigures } from '../core/charts';
import type { OverflowPolicy } from '../protocol/types';

const OVERFLOW_WORDS: Record<OverflowPolicy, string> = {
  window: 'are split into overlapping windows',
  truncate: 'are cut to the largest bucket',
  reject: 'are refused (policy: reject)',
};

/** The live figures under the histogram; they change as a handle moves. */
export function BucketFiguresView({
  figures,
  batchSize,
  overflow,
  largest,
  measuredNote,
}: {
  figures: BucketFigures;
  batchSize: number;
  overflow: OverflowPolicy;
  largest: number;
  measuredNote: string | null;
}) {
  const p = figures.predicted;
  const ladderOn = figures.batched.batchSizes.length > 1;
  return (
    <div className="figures" data-testid="bucket-figures">
      <dl className="figure-grid">
        <div>
          <dt>Padding efficiency</dt>
          <dd data-testid="figure-padding-efficiency" data-value={figures.paddingEfficiency}>
            {fmtPct(figures.paddingEfficiency)}
          </dd>
          <p className="muted small">real tokens ÷ tokens computed</p>
        </div>
        <div>
          <dt>Padding tokens</dt>
          <dd data-testid="figure-padding-tokens" data-value={figures.paddingTokens}>
            {fmtInt(figures.paddingTokens)}
          </dd>
          <p className="muted small">of {fmtInt(figures.computedTokens)} computed</p>
        </div>
        <div>
          <dt>
            {ladderOn ? `With batch sizes ${figures.batched.batchSizes.join(', ')}` : `With batches of ${batchSize}`}
          </dt>
          <dd data-testid="figure-batched-efficiency">{fmtPct(figures.batched.paddingEfficiency)}</dd>
          <p className="muted small" data-testid="figure-batched-rows">
            {fmtInt(figures.batched.batches)} batches, {fmtInt(figures.batched.emptyRows)} empty rows
            {ladderOn
              ? ` (full batches only: ${fmtInt(figures.fullSize.emptyRows)} empty rows, ${fmtPct(figures.fullSize.paddingEfficiency)})`
              : ''}
          </p>
        </div>
        <div>
          <dt>Predicted time per item</dt>
          {p ? (
            <>
              <dd data-testid="figure-predicted">{fmtMs(p.msPerItem)}</dd>
              <p className="muted small">
                {fmtRate(p.itemsPerSec)} items/s · {p.speedupOverPadToMax.toFixed(2)}× pad-to-max (
                {fmtMs(p.padToMaxMsPerItem)})
                {ladderOn ? ' · a smaller batch is counted at its share of rows of the measured full batch' : ''}
              </p>
            </>
          ) : (
            <>
              <dd data-testid="figure-predicted">—</dd>
              <p className="muted small">{measuredNote ?? 'Apply the buckets to measure their latencies.'}</p>
            </>
          )}
        </div>
      </dl>
      {/* On a phone the six columns can be wider than the screen: the table scrolls, never the page. */}
      <div className="table-wide">
        <table className="data-table compact" data-testid="items-per-bucket">
          <caption className="sr-only">Items, batches, rows used and empty rows per bucket</caption>
          <thead>
            <tr>
              <th scope="col">Bucket</th>
              <th
                scope="col"
                className="num"
                title="Model inputs: a long item split into windows counts once per window"
              >
                Inputs
              </th>
              <th scope="col" className="num">
                Batches
              </th>
              <th scope="col" className="num" title="Rows of the batches that hold an input">
                Rows used
              </th>
              <th
                scope="col"
                className="num"
                title={
                  ladderOn
                    ? 'Rows computed with nothing in them, with the batch-size buckets'
                    : 'Rows computed with nothing in them'
                }
              >
                Empty rows
              </th>
              {ladderOn ? (
                <th
                  scope="col"
                  className="num"
                  title={`Every batch at ${batchSize} rows, the last one completed with empty rows`}
                >
                  Empty rows, full batches only
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {figures.perBucket.map((b) => (
              <tr key={b.bucket} data-testid="bucket-row" data-bucket={b.bucket}>
                <td>≤ {b.bucket} tokens</td>
                <td className="num" data-col="inputs">
                  {fmtInt(b.items)}
                </td>
                <td className="num" data-col="batches">
                  {fmtInt(b.batches)}
                </td>
                <td className="num" data-col="rows-used">
                  {fmtInt(b.rowsUsed)}
                </td>
                <td className="num" data-col="empty-rows">
                  {fmtInt(b.emptyRows)}
                </td>
                {ladderOn ? (
                  <td className="num" data-col="empty-rows-full">
                    {fmtInt(b.fullSize.emptyRows)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {figures.perBucket.reduce((sum, b) => sum + b.items, 0) > figures.items ? (
        <p className="muted small">Long items split into windows count once per window in the inputs above.</p>
      ) : null}
      {figures.itemsAboveLargestBucket > 0 ? (
        <p className="notice small" data-testid="overflow-note">
          {fmtInt(figures.itemsAboveLargestBucket)} item{figures.itemsAboveLargestBucket === 1 ? ' is' : 's are'} longer
          than the largest bucket ({largest}) and {OVERFLOW_WORDS[overflow]}.
        </p>
      ) : null}
      {figures.memory ? (
        <p
          className={figures.memory.overBudget ? 'warning' : 'muted small'}
          data-testid={figures.memory.overBudget ? 'memory-warning' : 'memory-figure'}
          role={figures.memory.overBudget ? 'alert' : undefined}
        >
          {priceText(figures.memory, figures.perBucket.length)}
        </p>
      ) : null}
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the applied shapes cost before any item runs: sessions, weights, and shapes to warm. */
function priceText(memory: NonNullable<BucketFigures['memory']>, bucketCount: number): string {
  const sizes = memory.batchSizesPerBucket;
  const shapes = `${plural(bucketCount, 'bucket')}${sizes > 1 ? ` × ${sizes} batch sizes` : ''}`;
  const budget = memory.budgetBytes !== null ? ` (budget ${fmtMB(memory.budgetBytes)})` : '';
  const warm = ` · ${plural(memory.shapesToWarm, 'shape')} to warm before traffic`;
  if (memory.shared) {
    const over = memory.overBudget ? ': over the memory budget even with one copy of the weights; raise it.' : '';
    return `1 shared session for ${shapes}: one copy of the weights, ${fmtMB(memory.bytes)}${budget}${warm}${over}`;
  }
  const over = memory.overBudget
    ? `: over the memory budget. At most ${plural(memory.bucketsThatFit ?? 0, 'bucket')} fit; remove some, use fewer batch-size buckets or raise the budget.`
    : '';
  return (
    `${plural(memory.sessions, 'session')}${sizes > 1 ? ` (${shapes})` : ''} × ${fmtMB(memory.bytes / memory.sessions)} ` +
    `of weights = ${fmtMB(memory.bytes)}${budget}${warm}${over}`
  );
}
