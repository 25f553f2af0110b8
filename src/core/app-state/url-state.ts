import { validateBuckets } from '../buckets';
import { parseDecimal } from '../numbers';
import { BATCH_LADDERS } from '../routing';
import {
  AGGREGATIONS,
  ALGORITHM_IDS,
  BACKEND_CHOICES,
  DEFAULT_HUB_HOST,
  MAX_BATCH_SIZE,
  MAX_K,
  OVERFLOW_POLICIES,
  isOneOf,
  type AppSettings,
  type BucketPlan,
  type ModelChoice,
} from './settings';
import { errorMessage } from '../errors';

/** What a link can carry: the small settings, the model, the bucket plan and the buckets themselves. */
export interface UrlState {
  settings: Partial<AppSettings>;
  model?: ModelChoice;
  plan: Partial<BucketPlan>;
  buckets?: number[];
}

/** Parameter names, short so shared links stay readable. */
const P = {
  model: 'model',
  backend: 'backend',
  batch: 'batch',
  budget: 'budget',
  overflow: 'overflow',
  stride: 'stride',
  aggregation: 'agg',
  algorithm: 'algo',
  k: 'k',
  buckets: 'buckets',
  batchAware: 'batchAware',
  hubHost: 'hubHost',
  batchLadder: 'ladder',
} as const;

const OWNED = new Set<string>(Object.values(P));

function positiveInt(raw: string, max: number): number | null {
  const n = parseDecimal(raw);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/**
 * Reads the app's parameters from a query string. Unknown parameters are ignored (e.g. `testHooks`);
 * a parameter with a bad value is skipped and described in `problems`, so a mistyped link still opens.
 */
export function readUrlState(search: string): { state: UrlState; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const state: UrlState = { settings: {}, plan: {} };
  const bad = (name: string, value: string, expected: string) =>
    problems.push(`The link's ${name}=${value} is not valid (${expected}); the saved or default value is used.`);

  const model = params.get(P.model);
  if (model !== null && model.trim() !== '') {
    const hub = /^hub:(.+)$/.exec(model.trim());
    const host = params.get(P.hubHost);
    const validHost = host !== null && /^https?:\/\/[^\s]+$/.test(host);
    if (host !== null && !validHost) bad(P.hubHost, host, 'an http(s) address such as https://huggingface.co/');
    state.model = hub
      ? { kind: 'hub', id: hub[1], host: validHost ? host : DEFAULT_HUB_HOST }
      : { kind: 'bundled', name: model.trim() };
    if (!hub && !/^[\w.-]+$/.test(model.trim())) {
      delete state.model;
      bad(P.model, model, 'a bundled model name such as tiny-bert-ner, or hub:owner/name');
    }
  }
  const backend = params.get(P.backend);
  if (backend !== null) {
    if (isOneOf(backend, BACKEND_CHOICES)) state.settings.backend = backend;
    else bad(P.backend, backend, `one of ${BACKEND_CHOICES.join(', ')}`);
  }
  const batch = params.get(P.batch);
  if (batch !== null) {
    const n = positiveInt(batch, MAX_BATCH_SIZE);
    if (n !== null) state.settings.batchSize = n;
    else bad(P.batch, batch, `a whole number from 1 to ${MAX_BATCH_SIZE}`);
  }
  const ladder = params.get(P.batchLadder);
  if (ladder !== null) {
    if (isOneOf(ladder, BATCH_LADDERS)) state.settings.batchLadder = ladder;
    else bad(P.batchLadder, ladder, `one of ${BATCH_LADDERS.join(', ')}`);
  }
  const budget = params.get(P.budget);
  if (budget !== null) {
    const n = parseDecimal(budget);
    if (budget === 'none') state.settings.budgetMB = null;
    else if (n !== null && n > 0) state.settings.budgetMB = n;
    else bad(P.budget, budget, 'a number of MB above 0, or none');
  }
  const overflow = params.get(P.overflow);
  if (overflow !== null) {
    if (isOneOf(overflow, OVERFLOW_POLICIES)) state.settings.overflow = overflow;
    else bad(P.overflow, overflow, `one of ${OVERFLOW_POLICIES.join(', ')}`);
  }
  const stride = params.get(P.stride);
  if (stride !== null) {
    const n = positiveInt(stride, 100_000);
    if (n !== null) state.settings.stride = n;
    else bad(P.stride, stride, 'a whole number of tokens above 0');
  }
  const aggregation = params.get(P.aggregation);
  if (aggregation !== null) {
    if (isOneOf(aggregation, AGGREGATIONS)) state.settings.aggregation = aggregation;
    else bad(P.aggregation, aggregation, `one of ${AGGREGATIONS.join(', ')}`);
  }
  const algorithm = params.get(P.algorithm);
  if (algorithm !== null) {
    if (isOneOf(algorithm, ALGORITHM_IDS)) state.plan.algorithm = algorithm;
    else bad(P.algorithm, algorithm, `one of ${ALGORITHM_IDS.join(', ')}`);
  }
  const k = params.get(P.k);
  if (k !== null) {
    const n = positiveInt(k, MAX_K);
    if (n !== null) state.plan.k = n;
    else bad(P.k, k, `a whole number from 1 to ${MAX_K}`);
  }
  const batchAware = params.get(P.batchAware);
  if (batchAware !== null) state.plan.batchAware = batchAware === '1' || batchAware === 'true';
  const buckets = params.get(P.buckets);
  if (buckets !== null) {
    try {
      state.buckets = validateBuckets(buckets);
    } catch (err) {
      problems.push(`The link's buckets=${buckets} were ignored: ${errorMessage(err)}`);
    }
  }
  return { state, problems };
}

/**
 * Writes the shared state into `search`, keeping parameters the app does not own (such as testHooks)
 * and leaving out values equal to the defaults, so an untouched app has a clean address.
 */
export function writeUrlState(
  search: string,
  state: { settings: AppSettings; model: ModelChoice; plan: BucketPlan; buckets: readonly number[] | null },
  defaults: { settings: AppSettings; model: ModelChoice; plan: BucketPlan },
): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (OWNED.has(key)) params.delete(key);
  const set = (name: string, value: string, fallback: string) => {
    if (value !== fallback) params.set(name, value);
  };
  const s = state.settings;
  const d = defaults.settings;
  const modelParam = (m: ModelChoice) => (m.kind === 'bundled' ? m.name : m.kind === 'hub' ? `hub:${m.id}` : '');
  // Local files cannot travel in a link; such a link opens the default model.
  if (state.model.kind !== 'files') set(P.model, modelParam(state.model), modelParam(defaults.model));
  if (state.model.kind === 'hub') set(P.hubHost, state.model.host, DEFAULT_HUB_HOST);
  set(P.backend, s.backend, d.backend);
  set(P.batch, String(s.batchSize), String(d.batchSize));
  set(P.batchLadder, s.batchLadder, d.batchLadder);
  set(P.budget, s.budgetMB === null ? 'none' : String(s.budgetMB), d.budgetMB === null ? 'none' : String(d.budgetMB));
  set(P.overflow, s.overflow, d.overflow);
  set(P.stride, s.stride === null ? '' : String(s.stride), d.stride === null ? '' : String(d.stride));
  set(P.aggregation, s.aggregation, d.aggregation);
  set(P.algorithm, state.plan.algorithm, defaults.plan.algorithm);
  set(P.k, String(state.plan.k), String(defaults.plan.k));
  set(P.batchAware, state.plan.batchAware ? '1' : '0', defaults.plan.batchAware ? '1' : '0');
  if (state.buckets && state.buckets.length > 0) params.set(P.buckets, state.buckets.join(','));
  const out = params.toString();
  // URLSearchParams encodes the comma; a literal comma is legal in a query and easier to read.
  return out === '' ? '' : `?${out.replace(/%2C/g, ',')}`;
}
