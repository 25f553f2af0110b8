import { BACKEND_CHOICES, MAX_BATCH_SIZE, OVERFLOW_POLICIES } from '../core/app-state';
import {
  defaultSessionLayout,
  SESSION_LAYOUT_CHOICES,
  type SessionLayout,
  type SessionLayoutChoice,
} from '../core/modes';
import type { BackendChoice, GraphCaptureStatus, OverflowPolicy } from '../protocol/types';
import { useAppStore } from '../store/app-store';
import { applyBuckets } from '../store/buckets-service';
import { sessionLayoutOf } from '../store/session-layout';
import { startEngine } from '../store/engine-service';
import { CachedModels } from './CachedModels';
import { NumberField } from './NumberField';

const OVERFLOW_HELP: Record<OverflowPolicy, string> = {
  window: 'Split into overlapping windows: nothing is lost.',
  truncate: 'Cut to the largest bucket: the end is lost.',
  reject: 'Refused with an error.',
};

/** The run settings: where the model runs, how many items per batch, and what happens to long texts. */
export function SettingsPanel() {
  const settings = useAppStore((s) => s.settings);
  const setSettings = useAppStore((s) => s.setSettings);
  const modelThreshold = useAppStore((s) => s.modelInfo?.scoreThreshold ?? null);
  const captureStatus = useAppStore((s) => s.graphCapture);
  const modelLoaded = useAppStore((s) => s.modelInfo !== null);
  // Strings, not the decision object: a selector must return equal values for an unchanged store.
  const layoutReason = useAppStore((s) => sessionLayoutOf(s)?.reason ?? null);
  const layoutInUse = useAppStore((s) => sessionLayoutOf(s)?.layout ?? null);
  const runningBackend = useAppStore((s) => s.backend?.backend ?? null);
  const appliedSessions = useAppStore((s) => s.applied?.sessions ?? null);
  const appliedWeightBytes = useAppStore((s) => s.applied?.weightBytes ?? 0);

  return (
    <details className="settings" data-testid="settings">
      <summary>Settings</summary>
      <div className="settings-grid">
        <label className="field">
          <span>Backend</span>
          <select
            value={settings.backend}
            data-testid="settings-backend"
            onChange={(e) => {
              setSettings({ backend: e.target.value as BackendChoice });
              void startEngine();
            }}
          >
            {BACKEND_CHOICES.map((b) => (
              <option key={b} value={b}>
                {b === 'auto' ? 'auto (WebGPU if available)' : b === 'webgpu' ? 'WebGPU' : 'WASM'}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Batch size"
          value={settings.batchSize}
          min={1}
          max={MAX_BATCH_SIZE}
          testId="settings-batch"
          help="Items run together; each bucket session has this static batch dimension."
          onCommit={(v) => setSettings({ batchSize: v ?? 1 })}
        />
        <NumberField
          label="Memory budget (MB)"
          value={settings.budgetMB}
          min={0.001}
          max={1e6}
          integer={false}
          allowEmpty
          placeholder="none"
          testId="settings-budget"
          help="Each bucket session holds a copy of the weights; leave empty for no limit."
          onCommit={(v) => setSettings({ budgetMB: v })}
        />
        <label className="field" title="What happens to texts longer than the largest bucket">
          <span>Long texts</span>
          <select
            value={settings.overflow}
            data-testid="settings-overflow"
            aria-label="Long texts"
            aria-describedby="settings-overflow-help"
            onChange={(e) => setSettings({ overflow: e.target.value as OverflowPolicy })}
          >
            {OVERFLOW_POLICIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <span className="muted small" id="settings-overflow-help">
            {OVERFLOW_HELP[settings.overflow]}
          </span>
        </label>
        <NumberField
          label="Window stride"
          value={settings.stride}
          min={1}
          max={100_000}
          allowEmpty
          placeholder="half a window"
          testId="settings-stride"
          help="Tokens by which consecutive windows of a long text advance."
          onCommit={(v) => setSettings({ stride: v })}
        />
        <NumberField
          label="Score threshold"
          value={settings.scoreThreshold}
          min={0}
          max={1}
          integer={false}
          allowEmpty
          placeholder={modelThreshold === null ? 'none' : `model: ${modelThreshold.toFixed(2)}`}
          testId="settings-score-threshold"
          help={
            "Entities scored below this are hidden (the table says how many). Empty: the model's suggestion" +
            (modelThreshold === null
              ? ', and this model has none.'
              : ` (${modelThreshold.toFixed(2)}). 0 shows every entity.`)
          }
          onCommit={(v) => setSettings({ scoreThreshold: v })}
        />
        <label className="field">
          <span>Graph capture</span>
          <span>
            <input
              type="checkbox"
              checked={settings.graphCapture}
              data-testid="settings-graph-capture"
              aria-describedby="settings-graph-capture-status"
              onChange={(e) => {
                setSettings({ graphCapture: e.target.checked });
                // The sessions are rebuilt with or without capture; nothing else changes.
                if (modelLoaded) void applyBuckets();
              }}
            />{' '}
            WebGPU, per-bucket sessions
          </span>
          <span className="muted small" id="settings-graph-capture-status" data-testid="settings-graph-capture-status">
            {layoutInUse === 'shared' && settings.graphCapture
              ? 'Off with one shared session: capture replays a per-bucket session.'
              : graphCaptureText(settings.graphCapture, captureStatus)}
          </span>
        </label>
        <label className="field">
          <span>Sessions</span>
          <select
            value={settings.sessionLayout}
            data-testid="settings-session-layout"
            aria-label="Sessions"
            aria-describedby="settings-session-layout-why"
            onChange={(e) => {
              setSettings({ sessionLayout: e.target.value as SessionLayoutChoice });
              // The sessions are rebuilt in the new layout; the buckets stay.
              if (modelLoaded) void applyBuckets();
            }}
          >
            {SESSION_LAYOUT_CHOICES.map((c) => (
              <option key={c} value={c}>
                {c === 'auto'
                  ? `auto${runningBackend ? ` (${AUTO_LABEL[defaultSessionLayout(runningBackend)]} on ${runningBackend === 'webgpu' ? 'WebGPU' : 'WASM'})` : ''}`
                  : LAYOUT_LABEL[c]}
              </option>
            ))}
          </select>
          <span className="muted small" id="settings-session-layout-why" data-testid="settings-session-layout-why">
            {layoutReason ?? 'Chosen for the backend once it has started.'}
          </span>
          {appliedSessions !== null ? (
            <span className="muted small" data-testid="settings-session-layout-in-use">
              In use: {appliedSessions} {appliedSessions === 1 ? 'session' : 'sessions'},{' '}
              {(appliedWeightBytes / 1e6).toFixed(1)} MB of weights.
            </span>
          ) : null}
        </label>
        <CachedModels />
      </div>
    </details>
  );
}

const LAYOUT_LABEL: Record<SessionLayout, string> = {
  'per-bucket': 'one per bucket',
  shared: 'one shared session',
};
const AUTO_LABEL: Record<SessionLayout, string> = { 'per-bucket': 'per bucket', shared: 'shared' };

/** What the graph-capture switch does now, in words: on, off, or asked for but not possible, and why. */
function graphCaptureText(wanted: boolean, status: GraphCaptureStatus | null): string {
  if (!wanted) return 'Off: each run encodes its GPU commands anew.';
  if (status === null || !status.requested) return 'Takes effect when the buckets are applied.';
  if (status.active) {
    return (
      'On: each bucket session records its GPU commands on its first run and replays them, attention mask ' +
      'included, so scores equal those of uncaptured sessions (docs/graph-capture.md).'
    );
  }
  return status.reason ?? 'Not active.';
}
