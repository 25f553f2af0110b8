import { useEffect, useState } from 'react';
import { errorMessage } from '../core/errors';
import { formatBytes, type CachedModel } from '../core/models';
import { useAppStore } from '../store/app-store';
import { cachedRootOf, deleteCachedModel, listCachedModels } from '../store/model-cache-service';

/**
 * The models kept in the browser for the next visit, with their sizes and files, each deletable. The
 * model in use may be deleted too: it stays loaded for this visit and is downloaded again on the next.
 */
export function CachedModels() {
  const model = useAppStore((s) => s.model);
  const loadedName = useAppStore((s) => s.loadedModelName);
  // A load writes the cache before the model info arrives, so a new info means a list to read again.
  const modelInfo = useAppStore((s) => s.modelInfo);
  const [models, setModels] = useState<CachedModel[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Bumped after a deletion so the list is read again.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    listCachedModels().then(
      (list) => {
        if (!current) return;
        setModels(list);
        setError(null);
      },
      (err: unknown) => {
        if (current) setError(`The browser cache could not be read: ${errorMessage(err)}`);
      },
    );
    return () => {
      current = false;
    };
  }, [modelInfo, generation]);

  const inUseRoot =
    modelInfo === null
      ? null
      : cachedRootOf(model.kind === 'bundled' && loadedName ? { kind: 'bundled', name: loadedName } : model);

  const remove = async (m: CachedModel) => {
    try {
      const count = await deleteCachedModel(m.root);
      setStatus(
        `Deleted ${m.label} (${formatBytes(m.bytes)}, ${count} ${count === 1 ? 'file' : 'files'}) from the browser cache.` +
          (m.root === inUseRoot ? ' It stays loaded for this visit and will download again next visit.' : ''),
      );
    } catch (err) {
      setError(`${m.label} could not be deleted: ${errorMessage(err)}`);
    }
    setGeneration((g) => g + 1);
  };

  return (
    <section className="field cached-models" aria-labelledby="cached-models-title" data-testid="cached-models">
      <span id="cached-models-title">Cached models</span>
      {models === null ? null : models.length === 0 ? (
        <span className="muted small" data-testid="cached-models-empty">
          No model is kept in this browser; the next visit downloads the model.
        </span>
      ) : (
        <ul className="cached-model-list">
          {models.map((m) => (
            <li key={m.root} data-testid="cached-model" data-root={m.root}>
              <span data-testid="cached-model-summary">
                <strong>{m.label}</strong> · {formatBytes(m.bytes)} · {m.files.length}{' '}
                {m.files.length === 1 ? 'file' : 'files'}
                {m.root === inUseRoot ? ' · in use' : ''}
              </span>
              <span className="muted small" data-testid="cached-model-files">
                {m.files.map((f) => `${fileName(f.url, m.root)} (${formatBytes(f.size)})`).join(', ')}
              </span>
              {m.root === inUseRoot ? (
                <span className="muted small" data-testid="cached-model-in-use">
                  In use: deleting keeps it loaded now, but it will download again next visit.
                </span>
              ) : null}
              <button
                type="button"
                aria-label={`Delete cached model ${m.label}`}
                data-testid="cached-model-delete"
                onClick={() => void remove(m)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <span className="muted small" role="status" data-testid="cached-models-status">
        {status}
      </span>
      {error ? (
        <span className="error-message" role="alert" data-testid="cached-models-error">
          {error}
        </span>
      ) : null}
    </section>
  );
}

/** A file's path inside its model folder: "config.json", "onnx/model.onnx". */
function fileName(url: string, root: string): string {
  return url.startsWith(root) ? url.slice(root.length) : url;
}
