import { useState, type ChangeEvent } from 'react';
import { BUNDLED_MODELS, DEFAULT_HUB_HOST, FALLBACK_MODEL_NAME, type ModelChoice } from '../core/app-state';
import { fmtMB } from '../core/charts';
import { isLocalModelFile } from '../core/models';
import { cancelModelLoad, loadModel, loadModelFiles, retryModelLoad } from '../store/engine-service';
import { useAppStore } from '../store/app-store';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';

type SourceKind = 'bundled' | 'hub' | 'files';

function choiceName(choice: ModelChoice): string {
  return choice.kind === 'bundled' ? choice.name : choice.kind === 'hub' ? choice.id : choice.names.join(', ');
}

/** Choose the model: one shipped with the app, a Hugging Face hub id, or files from disk. */
export function ModelPicker() {
  const model = useAppStore((s) => s.model);
  const status = useAppStore((s) => s.modelStatus);
  const info = useAppStore((s) => s.modelInfo);
  const progress = useAppStore((s) => s.modelProgress);
  const error = useAppStore((s) => s.modelError);
  const notice = useAppStore((s) => s.modelNotice);
  const warmup = useAppStore((s) => (s.applyStatus === 'running' ? s.warmup : null));
  const loading = useAppStore((s) => s.loadingModel);
  const [kind, setKind] = useState<SourceKind>(model.kind);
  const [hubId, setHubId] = useState(model.kind === 'hub' ? model.id : '');
  const [hubHost, setHubHost] = useState(model.kind === 'hub' ? model.host : DEFAULT_HUB_HOST);

  const chooseBundled = (name: string) => {
    void loadModel({ kind: 'bundled', name });
  };
  const loadHub = () => {
    if (hubId.trim() === '') return;
    void loadModel({ kind: 'hub', id: hubId.trim(), host: hubHost.trim() || DEFAULT_HUB_HOST });
  };
  const chooseFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    // A chosen folder may hold a checkpoint, a README and more: only the files the loader reads are read.
    const list = event.target.files
      ? [...event.target.files].filter((f) => isLocalModelFile(f.webkitRelativePath || f.name))
      : [];
    if (list.length === 0) return;
    const files = await Promise.all(
      list.map(async (f) => ({ name: f.webkitRelativePath || f.name, bytes: await f.arrayBuffer() })),
    );
    void loadModelFiles(files);
  };

  const fraction = progress?.total ? (progress.loaded ?? 0) / progress.total : null;
  return (
    <div className="model-picker">
      <label className="field">
        <span>Model</span>
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as SourceKind)}
          aria-label="Model source"
          data-testid="model-source"
        >
          <option value="bundled">Bundled</option>
          <option value="hub">Hub id</option>
          <option value="files">Local files</option>
        </select>
      </label>
      {kind === 'bundled' ? (
        <select
          aria-label="Bundled model"
          data-testid="model-select"
          value={loading?.kind === 'bundled' ? loading.name : model.kind === 'bundled' ? model.name : ''}
          onChange={(e) => chooseBundled(e.target.value)}
        >
          {model.kind !== 'bundled' && loading?.kind !== 'bundled' ? <option value="">Choose…</option> : null}
          {BUNDLED_MODELS.map((name) => (
            <option key={name} value={name}>
              {name}
              {name === FALLBACK_MODEL_NAME ? ' (tiny, for tests)' : ''}
            </option>
          ))}
        </select>
      ) : null}
      {kind === 'hub' ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            loadHub();
          }}
        >
          <input
            aria-label="Hub model id"
            placeholder="owner/name"
            value={hubId}
            onChange={(e) => setHubId(e.target.value)}
            data-testid="hub-id"
          />
          <input
            aria-label="Hub host"
            className="wide"
            value={hubHost}
            onChange={(e) => setHubHost(e.target.value)}
            data-testid="hub-host"
          />
          <button type="submit" data-testid="hub-load">
            Load
          </button>
        </form>
      ) : null}
      {kind === 'files' ? (
        <input
          type="file"
          multiple
          aria-label="Model files: model.onnx, config.json, tokenizer.json, tokenizer_config.json"
          title="Choose model.onnx, config.json, tokenizer.json and tokenizer_config.json together"
          onChange={(e) => void chooseFiles(e)}
          data-testid="model-files"
        />
      ) : null}
      {kind === 'files' ? (
        <label className="field">
          <span>or a folder</span>
          <input
            type="file"
            // The folder's name becomes the model's name (webkitdirectory has no React prop type).
            {...{ webkitdirectory: '' }}
            aria-label="Model folder: the folder holding model.onnx, config.json and the tokenizer files"
            onChange={(e) => void chooseFiles(e)}
            data-testid="model-folder"
          />
        </label>
      ) : null}
      <span className="model-status" data-testid="model-status" data-status={status}>
        {status === 'ready' && info
          ? `${info.name} · ${info.labels.length} labels · max ${info.maxPositions} tokens · ${fmtMB(info.modelBytes)}`
          : null}
        {status === 'ready' && info?.fromCache?.includes('onnx/model.onnx') ? ' · from the browser cache' : null}
        {status === 'loading' && !progress ? `Loading ${loading ? choiceName(loading) : 'the model'}…` : null}
        {status === 'idle' ? 'No model loaded' : null}
      </span>
      {warmup && warmup.length > 0 ? (
        <ProgressBar
          fraction={warmup.filter((r) => r.state === 'ready').length / warmup.length}
          label={`Warming up buckets: ${warmup.filter((r) => r.state === 'ready').length} of ${warmup.length} ready`}
          testId="warmup-progress"
        />
      ) : null}
      {status === 'loading' && progress ? (
        <ProgressBar fraction={fraction} label={progress.message} testId="model-progress" />
      ) : null}
      {status === 'loading' ? (
        <button type="button" data-testid="model-cancel" onClick={cancelModelLoad}>
          Cancel loading
        </button>
      ) : null}
      {notice ? (
        <p className="notice" data-testid="model-notice">
          {notice}
        </p>
      ) : null}
      <ErrorNotice error={error} testId="model-error" onRetry={() => void retryModelLoad()} />
    </div>
  );
}
