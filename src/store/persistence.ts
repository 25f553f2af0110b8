import {
  DEFAULT_BUCKET_PLAN,
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  STORAGE_KEY,
  serializePersisted,
  writeUrlState,
  type PersistedState,
} from '../core/app-state';
import { useAppStore } from './app-store';
import type { AppState } from './types';
import { errorMessage } from '../core/errors';

const WRITE_DELAY_MS = 300;

function snapshot(s: AppState): PersistedState {
  const file = s.datasetFile;
  return {
    text: s.text,
    settings: s.settings,
    model: s.model,
    plan: s.plan,
    buckets: s.buckets,
    dataset: {
      kind: s.datasetKind,
      ...(file ? { fileName: file.name } : {}),
      ...(file?.text != null ? { fileText: file.text } : {}),
      ...(file?.tooLargeChars !== undefined ? { fileTooLargeChars: file.tooLargeChars } : {}),
    },
    compare: { items: s.compareItemLimit, repetitions: s.compareRepetitions },
  };
}

/**
 * Keeps the user's work across reloads: the state goes to localStorage and the small settings to the
 * address bar (replaceState, so no history entry per keystroke), a moment after the last change.
 * Returns a function that stops syncing.
 */
export function startPersistence(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSaved = '';
  let warned = false;
  const write = () => {
    timer = null;
    const state = useAppStore.getState();
    const data = snapshot(state);
    const serialized = serializePersisted(data);
    if (serialized !== lastSaved) {
      try {
        localStorage.setItem(STORAGE_KEY, serialized);
        lastSaved = serialized;
      } catch (err) {
        if (!warned) {
          warned = true;
          useAppStore.setState((s) => ({
            stateNotices: [
              ...s.stateNotices,
              `Your work could not be saved in this browser (${errorMessage(err)}); it will be lost on reload.`,
            ],
          }));
        }
      }
    }
    const search = writeUrlState(
      location.search,
      { settings: data.settings, model: data.model, plan: data.plan, buckets: data.buckets },
      {
        settings: { ...DEFAULT_SETTINGS },
        model: DEFAULT_MODEL,
        plan: { ...DEFAULT_BUCKET_PLAN },
      },
    );
    if (search !== location.search)
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  };
  const unsubscribe = useAppStore.subscribe((state, prev) => {
    const changed =
      state.text !== prev.text ||
      state.settings !== prev.settings ||
      state.model !== prev.model ||
      state.plan !== prev.plan ||
      state.buckets !== prev.buckets ||
      state.datasetKind !== prev.datasetKind ||
      state.datasetFile !== prev.datasetFile ||
      state.compareItemLimit !== prev.compareItemLimit ||
      state.compareRepetitions !== prev.compareRepetitions;
    if (!changed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  });
  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      write();
    }
  };
  // A reload right after a change must not lose it.
  addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    removeEventListener('pagehide', flush);
    flush();
  };
}
