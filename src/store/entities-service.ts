import { useAppStore } from './app-store';
import { ensureApplying, runMode, warmingCurrentHandles } from './buckets-service';
import { AppError, isCancelled, toUiError } from './errors';
import { LatestRequest } from './latest-request';
import { workerClient } from './worker-session';

const runs = new LatestRequest();

/** Classifies the text in the box with the current buckets, aggregation and overflow policy. */
export async function runEntities(): Promise<void> {
  const s = useAppStore.getState();
  const text = s.text;
  if (text.trim() === '') {
    const message =
      text === ''
        ? 'The text box is empty.'
        : 'The text box holds only spaces and line breaks: there are no words to classify.';
    useAppStore.setState({
      entitiesStatus: 'error',
      entitiesError: { message, hint: 'Type or paste some text, then press Run.' },
    });
    return;
  }
  if (s.modelStatus !== 'ready') {
    useAppStore.setState({
      entitiesStatus: 'error',
      entitiesError: {
        message: 'The model is not loaded yet.',
        hint:
          s.modelStatus === 'error'
            ? 'Fix the model error shown in the header first.'
            : 'Wait for the model to finish loading.',
      },
    });
    return;
  }
  const run = runs.begin();
  useAppStore.setState({ entitiesStatus: 'running', entitiesError: null });
  try {
    // A warm-up of these very buckets need not end first: the worker runs the text as soon as the buckets
    // it needs are warm, and the others keep warming after.
    if (!(await ensureApplying())) {
      const reason = useAppStore.getState().bucketsError;
      throw new AppError(reason?.code ?? 'BUCKETS', reason?.message ?? 'The buckets could not be applied.');
    }
    const { settings } = useAppStore.getState();
    const started = performance.now();
    const duringWarmup = warmingCurrentHandles();
    const result = await workerClient().classify(
      {
        texts: [text],
        aggregation: settings.aggregation,
        overflow: settings.overflow,
        ...(settings.stride !== null ? { stride: settings.stride } : {}),
        // The layout the sessions were built (or are being warmed) for: per-bucket or one shared session.
        mode: runMode(),
      },
      { signal: run.signal },
    );
    if (!run.isCurrent()) return;
    const item = result.results[0];
    useAppStore.setState({
      entitiesStatus: 'done',
      entitiesRun: {
        text,
        entities: item?.entities ?? [],
        tokenCount: item?.tokenCount ?? 0,
        buckets: item?.buckets ?? [],
        truncated: item?.truncated ?? false,
        ms: performance.now() - started,
        ...(duringWarmup ? { duringWarmup } : {}),
        ...(result.warmup ? { warmupAtServe: result.warmup } : {}),
        aggregation: settings.aggregation,
      },
    });
  } catch (err) {
    if (!run.isLatest() || isCancelled(err)) return;
    // The text stays in the box; only the error is shown, next to the Run button.
    useAppStore.setState({ entitiesStatus: 'error', entitiesError: toUiError(err) });
  } finally {
    run.finish();
  }
}
