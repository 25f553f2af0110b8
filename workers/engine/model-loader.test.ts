import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModel } from './model-loader';

/** A real HTTP host whose answers are given, per file, by `answer`; it records what was asked and dropped. */
async function startHost(answer: (file: string, respond: (status: number, body?: string) => void) => void) {
  const dropped: string[] = [];
  const server: Server = createServer((request, response) => {
    const file = decodeURIComponent(request.url ?? '').replace(/^\/[^/]+\/[^/]+\/resolve\/main\//, '');
    let answered = false;
    request.on('close', () => {
      if (!answered || !response.writableEnded) dropped.push(file);
    });
    answer(file, (status, body = '') => {
      answered = true;
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `http://127.0.0.1:${port}`,
    dropped,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

const noProgress = () => undefined;
let closeHost: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await closeHost?.();
  closeHost = undefined;
});

describe('loading a model from a host', () => {
  it('names config.json when every file is missing, even when another 404 comes back first', async () => {
    const host = await startHost((file, respond) => {
      // config.json answers last: the error must still name it, as it names the model not being there.
      setTimeout(() => respond(404), file === 'config.json' ? 150 : 0);
    });
    closeHost = host.close;
    const load = loadModel({ kind: 'hub', id: 'nobody/does-not-exist', host: host.host }, host.host + '/', noProgress);
    await expect(load).rejects.toMatchObject({
      code: 'MODEL_LOAD_FAILED',
      message: expect.stringMatching(/^Downloading config\.json of nobody\/does-not-exist from 127\.0\.0\.1.*HTTP 404/),
    });
  });

  it('stops the weights download when a small file fails, and names that file', async () => {
    const host = await startHost((file, respond) => {
      if (file === 'config.json') respond(404);
      else if (file === 'onnx/model.onnx')
        return; // a large download still under way
      else setTimeout(() => respond(404), 20);
    });
    closeHost = host.close;
    const started = performance.now();
    const load = loadModel({ kind: 'hub', id: 'someone/model', host: host.host }, host.host + '/', noProgress);
    await expect(load).rejects.toMatchObject({ message: expect.stringContaining('config.json of someone/model') });
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect.poll(() => host.dropped).toContain('onnx/model.onnx');
  });

  it('names tokenizer.json when the config is there and the tokenizer and weights are not', async () => {
    const host = await startHost((file, respond) => {
      if (file === 'config.json') respond(200, JSON.stringify({ id2label: { 0: 'O' }, max_position_embeddings: 32 }));
      else setTimeout(() => respond(404), file === 'tokenizer.json' ? 100 : 0);
    });
    closeHost = host.close;
    const load = loadModel({ kind: 'hub', id: 'someone/model', host: host.host }, host.host + '/', noProgress);
    await expect(load).rejects.toMatchObject({ message: expect.stringContaining('tokenizer.json of someone/model') });
  });
});
