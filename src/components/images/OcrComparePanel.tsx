import { useMemo } from 'react';
import { fmtMs, fmtPct } from '../../core/charts';
import { formatDetBucket, imageAccuracy, ocrCompareRows, ocrCompareSummary } from '../../core/images';
import { runOcrCompare, setCompareOptions, stopOcrCompare } from '../../store/images-compare';
import { useImagesStore } from '../../store/images-store';
import { ErrorNotice } from '../ErrorNotice';
import { NumberField } from '../NumberField';
import { ProgressBar } from '../ProgressBar';
import { OcrAccuracy } from './OcrAccuracy';
import { OcrCompareCharts } from './OcrCompareCharts';

/** The on/off comparison: every loaded image bucketed and padded to the largest bucket, side by side. */
export function OcrComparePanel() {
  const status = useImagesStore((s) => s.compareStatus);
  const progress = useImagesStore((s) => s.compareProgress);
  const entries = useImagesStore((s) => s.compareEntries);
  const meta = useImagesStore((s) => s.compareMeta);
  const error = useImagesStore((s) => s.compareError);
  const repetitions = useImagesStore((s) => s.compareRepetitions);
  const warmUp = useImagesStore((s) => s.compareWarmUp);
  const imageCount = useImagesStore((s) => s.images.filter((img) => img.status !== 'decoding').length);
  const rows = useMemo(() => ocrCompareRows(entries), [entries]);
  const summary = useMemo(() => ocrCompareSummary(entries), [entries]);
  const running = status === 'running';

  return (
    <section className="panel ocr-compare" aria-labelledby="ocr-compare-title" data-testid="ocr-compare">
      <h2 id="ocr-compare-title">Bucketed versus padded to the largest bucket</h2>
      <p className="intro">
        Reads every loaded image in two timed modes: <strong>bucketed</strong> (the smallest detector bucket that covers
        it, lines in width buckets) and <strong>pad-to-max</strong> (every image padded to the largest bucket, every
        line to the widest). Same models, same images. A third, <strong>unpadded</strong> read (each image and line at
        its own size) is the yardstick for accuracy: the table gives each mode's character error rate (CER) against the
        image's known text when you typed one, otherwise against the unpadded read.
      </p>
      <div className="row wrap">
        <NumberField
          label="Repetitions"
          value={repetitions}
          min={1}
          max={10}
          testId="ocr-compare-reps"
          help="Runs per image and mode; the median is kept"
          onCommit={(v) => setCompareOptions({ compareRepetitions: v ?? 1 })}
        />
        <label className="checkbox" title="Creates every shape's session and compiles its shaders before timing">
          <input
            type="checkbox"
            checked={warmUp}
            onChange={(e) => setCompareOptions({ compareWarmUp: e.target.checked })}
            data-testid="ocr-compare-warmup"
          />
          Warm up first
        </label>
        <button
          type="button"
          className="primary"
          disabled={running || imageCount === 0}
          onClick={() => void runOcrCompare()}
          data-testid="ocr-compare-run"
        >
          Compare
        </button>
        {running ? (
          <button type="button" onClick={stopOcrCompare} data-testid="ocr-compare-stop">
            Stop
          </button>
        ) : null}
        {imageCount === 0 ? <span className="meta">Load images to compare.</span> : null}
      </div>
      {running && progress ? (
        <ProgressBar
          fraction={progress.total > 0 ? progress.done / progress.total : null}
          label={progress.message}
          testId="ocr-compare-progress"
        />
      ) : null}
      {status === 'stopped' ? (
        <p className="notice small" data-testid="ocr-compare-stopped">
          Stopped.
        </p>
      ) : null}
      <ErrorNotice error={error} testId="ocr-compare-error" onRetry={() => void runOcrCompare()} />
      {entries.length > 0 ? (
        <>
          <p data-testid="ocr-compare-summary" data-speedup={summary.speedup?.toFixed(3) ?? ''}>
            {summary.images} image{summary.images === 1 ? '' : 's'}: bucketed {fmtMs(summary.bucketedMs)}, pad-to-max{' '}
            {fmtMs(summary.padToMaxMs)}
            {summary.speedup !== null ? (
              <strong>
                {' '}
                ({summary.speedup.toFixed(2)}× {summary.speedup >= 1 ? 'faster' : 'as fast'} bucketed)
              </strong>
            ) : null}
            . Detector padding {fmtPct(summary.bucketedPaddingShare)} versus {fmtPct(summary.padToMaxPaddingShare)}.
            Same text in both modes for {summary.sameText} of {summary.images}.
          </p>
          {meta ? (
            <p className="meta" data-testid="ocr-compare-meta">
              On {meta.backend} · buckets {meta.buckets.replace(/x/g, '×').replace(/,/g, ', ')} · median of{' '}
              {meta.repetitions} run
              {meta.repetitions === 1 ? '' : 's'} per image and mode ·{' '}
              {meta.warmedUp
                ? 'after a warm-up pass'
                : "no warm-up pass (on WebGPU a shape's first run also compiles its shaders)"}
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="data-table" data-testid="ocr-compare-table">
              <thead>
                <tr>
                  <th scope="col">Image</th>
                  <th scope="col">Bucketed: bucket</th>
                  <th scope="col" className="num">
                    padding
                  </th>
                  <th scope="col" className="num">
                    time
                  </th>
                  <th scope="col">Pad-to-max: bucket</th>
                  <th scope="col" className="num">
                    padding
                  </th>
                  <th scope="col" className="num">
                    time
                  </th>
                  <th scope="col">Same text</th>
                  <th scope="col" className="num">
                    CER bucketed
                  </th>
                  <th scope="col" className="num">
                    CER pad-to-max
                  </th>
                  <th scope="col">CER against</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => {
                  const same = e.bucketed.texts.join('\n') === e.padToMax.texts.join('\n');
                  const acc = imageAccuracy(e);
                  const pct = (cer: number | null) => (cer === null ? 'n/a' : `${(cer * 100).toFixed(1)}%`);
                  return (
                    <tr key={i} data-testid="ocr-compare-row" data-name={e.name}>
                      <th scope="row" className="ocr-compare-name">
                        {rows[i]?.label} {e.name}
                      </th>
                      <td>{formatDetBucket(e.bucketed.bucket)}</td>
                      <td className="num" data-col="bucketed-padding">
                        {fmtPct(e.bucketed.paddingShare)}
                      </td>
                      <td className="num" data-col="bucketed-ms">
                        {fmtMs(e.bucketed.totalMs)}
                      </td>
                      <td>{formatDetBucket(e.padToMax.bucket)}</td>
                      <td className="num" data-col="pad-padding">
                        {fmtPct(e.padToMax.paddingShare)}
                      </td>
                      <td className="num" data-col="pad-ms">
                        {fmtMs(e.padToMax.totalMs)}
                      </td>
                      <td data-col="same-text">{same ? 'yes' : 'no'}</td>
                      <td className="num" data-col="bucketed-cer" data-cer={acc.bucketed.cer ?? ''}>
                        {pct(acc.bucketed.cer)}
                      </td>
                      <td className="num" data-col="pad-cer" data-cer={acc.padToMax.cer ?? ''}>
                        {pct(acc.padToMax.cer)}
                      </td>
                      <td data-col="cer-against">{acc.against === 'reference' ? 'known text' : 'unpadded read'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <OcrAccuracy entries={entries} />
          <OcrCompareCharts rows={rows} />
        </>
      ) : null}
    </section>
  );
}
