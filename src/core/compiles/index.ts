/** Accounting of GPU compiles (pipelines and shader modules) by mode, shape and phase. */
export {
  CompileLedger,
  compileDelta,
  type CompileCounts,
  type CompileKind,
  type CompilePhase,
  type CompileScope,
  type CompileSplit,
} from './ledger';
