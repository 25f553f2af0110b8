import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { parseBucketConfigJson } from '../core/app-state';
import { histogramFromLengths } from '../core/buckets';
import { bucketMinimums } from '../core/ner';
import { ladderSizes } from '../core/routing';
import {
  bucketFigures,
  insertBucket,
  lengthHistogramSeries,
  moveBucket,
  removeBucket,
  suggestBucket,
  type BucketFigures,
} from '../core/charts';
import { useAppStore } from '../store/app-store';
import { applyBuckets, bucketsAreApplied } from '../store/buckets-service';
import { exportBucketConfig } from '../store/downloads';
import { toUiError } from '../store/errors';
import { commitBucketsLive } from '../store/live-service';
import { sessionLayoutOf } from '../store/session-layout';
import type { UiError } from '../store/types';
import { AlgorithmPicker } from './AlgorithmPicker';
import { BatchLadderPicker } from './BatchLadderPicker';
import { BucketFiguresView } from './BucketFiguresView';
import { BucketList } from './BucketList';
import { LengthHistogram } from './charts/LengthHistogram';
import { DatasetPicker } from './DatasetPicker';
import { ErrorNotice } from './ErrorNotice';
import { WarmupList } from './WarmupList';

/** Keyboard moves are applied in live mode once the keys rest for this long, not on every press. */
const KEY_COMMIT_DELAY_MS = 600;

/** Smallest usable sizes for the [CLS] ... [SEP] models the app runs; derived in core/ner/bucket-minimum.ts. */
const MINIMUMS = bucketMinimums();
const SIZE_LIMITS = { min: MINIMUMS.smallest, minLargest: MINIMUMS.largest };

/** The length histogram with draggable bucket boundaries, live padding figures, and Apply. */
export function BucketsPanel() {
  const lengths = useAppStore((s) => s.lengths);
  const buckets = useAppStore((s) => s.buckets);
  const setBuckets = useAppStore((s) => s.setBuckets);
  const modelInfo = useAppStore((s) => s.modelInfo);
  const settings = useAppStore((s) => s.settings);
  const measured = useAppStore((s) => s.measured);
  const applyStatus = useAppStore((s) => s.applyStatus);
  const applied = useAppStore((s) => s.applied);
  const warmup = useAppStore((s) => s.warmup);
  const notes = useAppStore((s) => s.selectionNotes);
  const error = useAppStore((s) => s.bucketsError);
  const liveOn = useAppStore((s) => s.liveOn);
  const datasetStatus = useAppStore((s) => s.datasetStatus);
  const layout = useAppStore((s) => sessionLayoutOf(s)?.layout ?? 'per-bucket');
  const [dragging, setDragging] = useState(false);
  const [frozenLast, setFrozenLast] = useState<number | null>(null);
  const [editProblem, setEditProblem] = useState<UiError | null>(null);
  const [sizeNote, setSizeNote] = useState<string | null>(null);
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const importInput = useRef<HTMLInputElement>(null);

  const hist = useMemo(() => (lengths && lengths.length > 0 ? histogramFromLengths(lengths) : null), [lengths]);
  const list = buckets ?? [];
  const largest = list.length > 0 ? list[list.length - 1] : 0;
  const series = useMemo(() => {
    if (!lengths || lengths.length === 0 || !modelInfo) return null;
    return lengthHistogramSeries(lengths, buckets ?? [], {
      cap: modelInfo.maxPositions,
      minLast: frozenLast ?? largest,
    });
  }, [lengths, buckets, modelInfo, frozenLast, largest]);

  const measuredForBatch = measured && measured.batchSize === settings.batchSize ? measured.points : undefined;
  const figuresResult = useMemo((): { figures: BucketFigures | null; error: UiError | null } => {
    if (!hist || !buckets || buckets.length === 0) return { figures: null, error: null };
    try {
      return {
        figures: bucketFigures({
          hist,
          buckets,
          batchSize: settings.batchSize,
          batchSizes: ladderSizes(settings.batchLadder, settings.batchSize),
          sessionLayout: layout,
          overflow: settings.overflow,
          ...(settings.stride !== null ? { stride: settings.stride } : {}),
          ...(measuredForBatch ? { measured: measuredForBatch } : {}),
          ...(modelInfo ? { modelBytes: modelInfo.modelBytes } : {}),
          budgetBytes: settings.budgetMB !== null ? settings.budgetMB * 1e6 : null,
        }),
        error: null,
      };
    } catch (err) {
      return { figures: null, error: toUiError(err) };
    }
  }, [hist, buckets, settings, measuredForBatch, modelInfo, layout]);

  const commit = (delayed: boolean) => {
    if (!liveOn) return;
    if (commitTimer.current !== null) clearTimeout(commitTimer.current);
    if (!delayed) {
      void commitBucketsLive();
      return;
    }
    commitTimer.current = setTimeout(() => {
      commitTimer.current = null;
      void commitBucketsLive();
    }, KEY_COMMIT_DELAY_MS);
  };
  const edit = (change: () => number[]) => {
    try {
      setBuckets(change());
      setEditProblem(null);
    } catch (err) {
      setEditProblem(toUiError(err));
    }
  };
  /** A drag or key that asks for less than the smallest usable size stops there and says why. */
  const move = (index: number, target: number, max: number) => {
    const floor = index === list.length - 1 ? MINIMUMS.largest : MINIMUMS.smallest;
    setSizeNote(
      target < floor
        ? index === list.length - 1
          ? `The largest bucket stops at ${MINIMUMS.largest} tokens: long texts are split into windows that fit it, and smaller windows would read words without their neighbours.`
          : `Buckets stop at ${MINIMUMS.smallest} tokens: every input holds [CLS] and [SEP] plus at least one token.`
        : null,
    );
    edit(() => moveBucket(list, index, target, max, SIZE_LIMITS));
  };
  const remove = (index: number) => {
    edit(() => removeBucket(list, index, SIZE_LIMITS));
    commit(true);
  };
  const suggestion = hist && list.length > 0 ? suggestBucket(hist, list) : null;
  const add = () => {
    if (!suggestion) return;
    edit(() => insertBucket(list, suggestion.length));
    commit(true);
  };
  const importConfig = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || !modelInfo) return;
    try {
      const config = parseBucketConfigJson(await file.text(), modelInfo.maxPositions);
      setBuckets(config.buckets);
      setEditProblem(null);
    } catch (err) {
      setEditProblem(toUiError(err));
    }
  };

  const isApplied = applied !== null && bucketsAreApplied();
  const ready = modelInfo !== null;
  return (
    <section className="panel buckets-panel" aria-labelledby="buckets-title" data-testid="buckets-panel">
      <h2 id="buckets-title">Lengths and buckets</h2>
      <p className="intro">
        A model compiled for one fixed input length must pad every input up to it. <strong>Bucketing</strong> keeps a
        few fixed lengths instead and pads each input only to the smallest one that fits: less wasted work, and still
        only a few shapes to compile. The bars show how long your inputs are; each dashed handle is a bucket. Drag the
        handles (or focus one and use the arrow keys) and watch the padding figures.
      </p>
      <DatasetPicker />
      {series && modelInfo ? (
        <LengthHistogram
          series={series}
          dragging={dragging}
          buckets={list}
          cap={modelInfo.maxPositions}
          minValue={MINIMUMS.smallest}
          onMove={(index, target) => move(index, target, modelInfo.maxPositions)}
          onCommit={() => commit(true)}
          onRemove={remove}
          onDragChange={(d) => {
            setDragging(d);
            setFrozenLast(d ? (series?.last ?? null) : null);
            if (!d) commit(false);
          }}
        />
      ) : (
        <div className="histogram placeholder" data-testid="histogram-placeholder">
          {!ready
            ? 'The histogram appears once the model is loaded.'
            : datasetStatus === 'tokenizing'
              ? 'Measuring token lengths…'
              : 'No items to measure: add text, choose a file or use the sample set.'}
        </div>
      )}
      {modelInfo && list.length > 0 ? (
        <BucketList
          buckets={list}
          limits={{ maxPositions: modelInfo.maxPositions, minBucket: MINIMUMS.smallest, minLargest: MINIMUMS.largest }}
          onChange={(b) => {
            setBuckets(b);
            commit(true);
          }}
          onRemove={remove}
          onAdd={add}
          canAdd={suggestion !== null}
        />
      ) : null}
      {sizeNote ? (
        <p className="notice small" role="status" data-testid="bucket-size-note">
          {sizeNote}
        </p>
      ) : null}
      <ErrorNotice error={editProblem} testId="bucket-edit-error" />
      <AlgorithmPicker disabled={!hist} />
      {notes.length > 0 ? (
        <ul className="notes" data-testid="selection-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <BatchLadderPicker />
      {figuresResult.figures ? (
        <BucketFiguresView
          figures={figuresResult.figures}
          batchSize={settings.batchSize}
          overflow={settings.overflow}
          largest={largest}
          measuredNote={
            measured && !measuredForBatch
              ? `Latencies were measured at batch size ${measured.batchSize}: apply to measure at ${settings.batchSize}.`
              : null
          }
        />
      ) : null}
      <ErrorNotice error={figuresResult.error} testId="figures-error" />
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          data-testid="apply-buckets"
          disabled={!ready || list.length === 0 || applyStatus === 'running'}
          onClick={() => void applyBuckets()}
        >
          {applyStatus === 'running' ? 'Building sessions…' : isApplied ? 'Rebuild sessions' : 'Apply buckets'}
        </button>
        <span className="meta" data-testid="apply-state">
          {applyStatus === 'running'
            ? 'Compiling each bucket once…'
            : isApplied
              ? 'Applied: the worker runs these buckets.'
              : 'Not applied yet.'}
        </span>
        <span className="spacer" />
        <button
          type="button"
          data-testid="export-buckets"
          disabled={!ready || list.length === 0}
          onClick={exportBucketConfig}
        >
          Export buckets
        </button>
        <button type="button" disabled={!ready} onClick={() => importInput.current?.click()}>
          Load buckets…
        </button>
        <input
          ref={importInput}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          aria-label="Load a bucket configuration"
          onChange={(e) => void importConfig(e)}
        />
      </div>
      <ErrorNotice error={error} testId="buckets-error" onRetry={() => void applyBuckets()} />
      <WarmupList rows={warmup} />
    </section>
  );
}
