import type { DatasetKind } from '../core/app-state';
import { sampleItems } from '../samples';
import { useAppStore } from './app-store';
import { itemsFromFileText, itemsFromText, readDatasetFile } from './dataset-items';
import { AppError, isCancelled, toUiError } from './errors';
import { LatestRequest, type RequestTurn } from './latest-request';
import { workerClient } from './worker-session';

/** Texts per tokenize request: big files are tokenized in steps so progress shows and Stop works. */
const TOKENIZE_CHUNK = 2000;
const TEXT_REFRESH_DELAY_MS = 500;

/** The dataset's items live here, not in the store: a 100k-line file is data for the worker, not UI state. */
let items: string[] = [];
const refreshes = new LatestRequest();
let textTimer: ReturnType<typeof setTimeout> | null = null;

export function datasetItems(): readonly string[] {
  return items;
}

function buildItems(kind: DatasetKind): { items: string[]; format: string; notes: string[] } {
  const s = useAppStore.getState();
  switch (kind) {
    case 'text-sentences':
      return { items: itemsFromText(s.text, 'sentences'), format: 'sentences of the text above', notes: [] };
    case 'text-lines':
      return { items: itemsFromText(s.text, 'lines'), format: 'lines of the text above', notes: [] };
    case 'sample':
      return { items: sampleItems(), format: 'built-in sample sentences', notes: [] };
    case 'file': {
      const file = s.datasetFile;
      if (!file || file.text === null) {
        throw new AppError('NO_FILE', 'No file is loaded.', 'Choose or drop a file (text, JSONL or CoNLL).');
      }
      const parsed = itemsFromFileText(file.name, file.text);
      return file.notice ? { ...parsed, notes: [file.notice, ...parsed.notes] } : parsed;
    }
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown dataset kind ${String(unknownKind)}`);
    }
  }
}

/** Rebuilds the items from the chosen source and measures their token lengths with the model's tokenizer. */
export async function refreshDataset(): Promise<void> {
  const refresh = refreshes.begin();
  try {
    await tokenizeItems(refresh);
  } finally {
    refresh.finish();
  }
}

async function tokenizeItems(refresh: RequestTurn): Promise<void> {
  const s = useAppStore.getState();
  let built: ReturnType<typeof buildItems>;
  try {
    built = buildItems(s.datasetKind);
  } catch (err) {
    items = [];
    useAppStore.setState({
      datasetStatus: 'error',
      datasetError: toUiError(err),
      lengths: null,
      datasetSize: 0,
      datasetNotes: [],
      datasetFormat: null,
    });
    return;
  }
  items = built.items;
  useAppStore.setState({
    datasetSize: items.length,
    datasetFormat: built.format,
    datasetNotes: built.notes,
    datasetError: null,
  });
  if (s.modelStatus !== 'ready') {
    useAppStore.setState({ datasetStatus: 'idle', lengths: null });
    return;
  }
  useAppStore.setState({ datasetStatus: 'tokenizing', datasetProgress: { done: 0, total: items.length } });
  try {
    const lengths: number[] = [];
    for (let start = 0; start < items.length; start += TOKENIZE_CHUNK) {
      const part = items.slice(start, start + TOKENIZE_CHUNK);
      const result = await workerClient().tokenize({ texts: part }, { signal: refresh.signal });
      if (!refresh.isCurrent()) return;
      lengths.push(...result.lengths);
      useAppStore.setState({ datasetProgress: { done: lengths.length, total: items.length } });
    }
    useAppStore.setState({ lengths, datasetStatus: 'ready', datasetProgress: null });
  } catch (err) {
    if (!refresh.isLatest() || isCancelled(err)) return;
    useAppStore.setState({ datasetStatus: 'error', datasetError: toUiError(err), datasetProgress: null });
  }
}

export async function setDatasetKind(kind: DatasetKind): Promise<void> {
  useAppStore.setState({ datasetKind: kind });
  await refreshDataset();
}

/** Reads a chosen or dropped file (its encoding detected) and makes it the dataset. */
export async function chooseDatasetFile(file: File): Promise<void> {
  useAppStore.setState({ datasetStatus: 'loading', datasetError: null });
  try {
    const decoded = await readDatasetFile(file);
    useAppStore.setState({
      datasetFile: { name: file.name, text: decoded.text, ...(decoded.notice ? { notice: decoded.notice } : {}) },
      datasetKind: 'file',
    });
  } catch (err) {
    useAppStore.setState({ datasetStatus: 'error', datasetError: toUiError(err) });
    return;
  }
  await refreshDataset();
}

/** The text box changed: when the histogram is drawn from it, redraw a moment after typing stops. */
export function textChanged(): void {
  const kind = useAppStore.getState().datasetKind;
  if (kind !== 'text-sentences' && kind !== 'text-lines') return;
  if (textTimer !== null) clearTimeout(textTimer);
  textTimer = setTimeout(() => {
    textTimer = null;
    void refreshDataset();
  }, TEXT_REFRESH_DELAY_MS);
}
