import { decideSessionLayout, type BucketedMode, type SessionLayoutDecision } from '../core/modes';
import { ladderSizes } from '../core/routing';
import type { AppState } from './types';

/**
 * The session layout the app runs now: the user's choice resolved against the backend (src/core/modes),
 * with what it costs for the current buckets, batch-size ladder and model. Null until a backend runs.
 */
export function sessionLayoutOf(s: AppState): SessionLayoutDecision | null {
  if (!s.backend) return null;
  const buckets = s.buckets?.length ?? 0;
  return decideSessionLayout(s.settings.sessionLayout, {
    backend: s.backend.backend,
    graphCapture: s.settings.graphCapture,
    staticSessions: buckets * ladderSizes(s.settings.batchLadder, s.settings.batchSize).length,
    modelBytes: s.modelInfo?.modelBytes ?? 0,
    budgetBytes: s.settings.budgetMB !== null ? s.settings.budgetMB * 1e6 : null,
  });
}

/** The mode a configure asks for to build that layout's sessions (per-bucket before a backend runs). */
export function sessionLayoutMode(s: AppState): BucketedMode {
  return sessionLayoutOf(s)?.mode ?? 'bucketed';
}
