/** The ways of running one model on the same inputs, and what a benchmark of them reports. */
export { MODES, REGIMES, type Mode, type ModeResult, type Regime, type RunFigures } from './types';
