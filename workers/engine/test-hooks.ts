import { WorkerError } from '../../src/protocol/errors';
import type { RequestMap } from '../../src/protocol/messages';
import type { EngineState } from './engine-state';

export interface TestHookOptions {
  /** Test hooks (crash, lose the device) are honoured only when the page asked for them at init. */
  allowTestHooks: () => boolean;
  crash: () => void;
}

/**
 * The faults the browser tests inject: a worker crash, a lost GPU device, a failing run. Refused unless
 * the page asked for test hooks at init.
 */
export function runTestHook(
  state: EngineState,
  options: TestHookOptions,
  params: RequestMap['testHook']['params'],
): RequestMap['testHook']['result'] {
  if (!options.allowTestHooks()) throw new WorkerError('BAD_INPUT', 'Test hooks are disabled.');
  switch (params.hook) {
    case 'crash':
      options.crash();
      break;
    case 'loseDevice':
      if (!state.backend?.device)
        throw new WorkerError('BACKEND_UNAVAILABLE', 'There is no WebGPU device to lose (backend is WASM).');
      state.backend.device.destroy();
      break;
    case 'failNextRun':
      state.failNextRun = true;
      break;
    default: {
      const unknownHook: never = params.hook;
      throw new WorkerError('BAD_INPUT', `Unknown test hook ${String(unknownHook)}`);
    }
  }
  return { ok: true };
}
