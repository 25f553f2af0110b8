import { useState, type DragEvent } from 'react';
import type { DatasetKind } from '../core/app-state';
import { fmtInt } from '../core/charts';
import { useAppStore } from '../store/app-store';
import { chooseDatasetFile, refreshDataset, setDatasetKind } from '../store/dataset-service';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';

const KIND_LABELS: Record<DatasetKind, string> = {
  'text-sentences': 'The text above, one item per sentence',
  'text-lines': 'The text above, one item per line',
  sample: 'Built-in sample sentences',
  file: 'A file (text, JSONL or CoNLL)',
};

/** What the histogram measures: the pasted text, the sample set, or a file chosen or dropped here. */
export function DatasetPicker() {
  const kind = useAppStore((s) => s.datasetKind);
  const file = useAppStore((s) => s.datasetFile);
  const status = useAppStore((s) => s.datasetStatus);
  const progress = useAppStore((s) => s.datasetProgress);
  const error = useAppStore((s) => s.datasetError);
  const notes = useAppStore((s) => s.datasetNotes);
  const format = useAppStore((s) => s.datasetFormat);
  const size = useAppStore((s) => s.datasetSize);
  const [dragOver, setDragOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) void chooseDatasetFile(dropped);
  };

  return (
    <div
      className={dragOver ? 'dataset-picker drag-over' : 'dataset-picker'}
      data-testid="dataset-picker"
      onDragOver={(e) => {
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={onDrop}
    >
      <div className="row">
        <label className="field grow">
          <span>Measure</span>
          <select
            value={kind}
            data-testid="dataset-kind"
            onChange={(e) => void setDatasetKind(e.target.value as DatasetKind)}
          >
            {(Object.keys(KIND_LABELS) as DatasetKind[]).map((k) => (
              <option key={k} value={k} disabled={k === 'file' && !file?.text}>
                {k === 'file' && file ? `File: ${file.name}` : KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="file-button">
          <input
            type="file"
            accept=".txt,.jsonl,.ndjson,.json,.conll,.conll03,.iob,.iob2,.bio,.tsv,text/plain"
            className="sr-only"
            data-testid="dataset-file"
            aria-label="Choose a dataset file"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) void chooseDatasetFile(chosen);
              e.target.value = '';
            }}
          />
          <span aria-hidden="true">Choose file…</span>
        </label>
      </div>
      <p className="meta" data-testid="dataset-summary">
        {fmtInt(size)} item{size === 1 ? '' : 's'}
        {format ? ` · ${format}` : ''}
        {kind !== 'file' ? ' · or drop a file here' : ''}
      </p>
      {notes.map((n) => (
        <p key={n} className="notice small">
          {n}
        </p>
      ))}
      {status === 'tokenizing' && progress && progress.total > 2000 ? (
        <ProgressBar
          fraction={progress.done / progress.total}
          label={`Tokenizing ${fmtInt(progress.done)} of ${fmtInt(progress.total)}`}
          testId="dataset-progress"
        />
      ) : null}
      <ErrorNotice error={error} testId="dataset-error" onRetry={() => void refreshDataset()} />
    </div>
  );
}
