import type { RequestType } from '../../src/protocol/messages';
import { isCancellation } from '../cancellation';
import type { Engine, Handler } from '../handler';
import { assertDeviceAlive, type BackendState } from './backend';

/** How long `device.lost` is given to settle after a failure it may have caused. */
const DEVICE_LOST_SETTLE_MS = 100;

/**
 * When the GPU device is lost, ORT fails in its own words (or the run is cut off by our race with
 * `device.lost`). Either way the page must see DEVICE_LOST, which makes the client start a fresh worker.
 * `device.lost` settles a moment after the failure, so give it that moment before deciding.
 */
export function guardDeviceLoss(engine: Engine, backend: () => BackendState | null): Engine {
  const guard =
    <K extends RequestType>(name: K): Handler<K> =>
    async (params, ctx) => {
      const method: Handler<K> = engine[name];
      try {
        return await method(params, ctx);
      } catch (err) {
        const state = backend();
        if (state?.device && !isCancellation(err)) {
          await Promise.race([state.lost, new Promise((r) => setTimeout(r, DEVICE_LOST_SETTLE_MS))]).catch(
            () => undefined,
          );
          assertDeviceAlive(state);
        }
        throw err;
      }
    };
  // Every request kind by name: one the engine gains fails to compile here until it is guarded too.
  return {
    init: guard('init'),
    loadModel: guard('loadModel'),
    configure: guard('configure'),
    tokenize: guard('tokenize'),
    classify: guard('classify'),
    logits: guard('logits'),
    benchmark: guard('benchmark'),
    memory: guard('memory'),
    ocrConfigure: guard('ocrConfigure'),
    ocr: guard('ocr'),
    testHook: guard('testHook'),
  };
}
