/** The ways of running one model on the same inputs, and what a benchmark of them reports. */
export { MODES, REGIMES, type Mode, type ModeResult, type Regime, type RunFigures } from './types';
export {
  decideSessionLayout,
  defaultSessionLayout,
  MODE_OF_LAYOUT,
  SESSION_LAYOUT_CHOICES,
  weightBytesPerBucket,
  type BucketedMode,
  type SessionLayout,
  type SessionLayoutChoice,
  type SessionLayoutDecision,
  type SessionLayoutFacts,
} from './session-layout';
