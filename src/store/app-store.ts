import { create } from 'zustand';
import { NO_ROWS } from '../core/routing';
import { startingState } from './initial-state';
import type { AppState } from './types';

const start = startingState(typeof location === 'undefined' ? '' : location.search);

/**
 * The app's single store: plain, serialisable data in typed slices (see ./types). Async work lives in
 * the services (./engine-service and friends), which hold the worker client and write results here.
 */
export const useAppStore = create<AppState>()((set) => ({
  // Settings
  settings: start.settings,
  model: start.model,
  stateNotices: start.notices,
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  setModelChoice: (model) => set({ model }),
  dismissStateNotices: () => set({ stateNotices: [] }),

  // Engine
  backend: null,
  backendStatus: 'starting',
  backendError: null,
  modelStatus: 'idle',
  modelInfo: null,
  loadedModelName: null,
  modelProgress: null,
  modelError: null,
  modelNotice: null,
  loadingModel: null,
  workerNotice: null,

  // Entities
  text: start.text,
  entitiesStatus: 'idle',
  entitiesRun: null,
  entitiesError: null,
  setText: (text) => set({ text }),

  // Dataset
  datasetKind: start.datasetKind,
  datasetFile: start.datasetFile,
  datasetStatus: 'idle',
  datasetProgress: null,
  datasetError: null,
  datasetNotes: [],
  datasetFormat: null,
  datasetSize: 0,
  lengths: null,

  // Buckets
  plan: start.plan,
  buckets: start.buckets,
  applied: null,
  applyStatus: 'idle',
  graphCapture: null,
  warmup: [],
  measured: null,
  selectionNotes: [],
  bucketsError: null,
  setBuckets: (buckets) => set({ buckets, bucketsError: null }),
  setPlan: (patch) => set((s) => ({ plan: { ...s.plan, ...patch } })),

  // Compare
  compareStatus: 'idle',
  compareProgress: null,
  compareResults: null,
  compareMeta: null,
  compareHistory: [],
  compareError: null,
  compareItemLimit: start.compareItemLimit,
  compareRepetitions: start.compareRepetitions,
  compareRegime: 'cold',
  setCompareOptions: (patch) => set(patch),

  // Live
  liveOn: false,
  livePoints: [],
  liveMarkers: [],
  liveMessage: null,
  liveError: null,
  liveRows: NO_ROWS,
  liveBatchSizes: [],
  liveServedDuringWarmup: 0,
}));

export type AppStore = typeof useAppStore;
