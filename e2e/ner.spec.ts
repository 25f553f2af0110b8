import { existsSync } from 'node:fs';
import { expect, HUB_URL, openApp, startWorkerClient, test, TINY_MODEL } from './fixtures';

const REAL_MODEL = 'bucketwise-ner';
const realModelShipped = existsSync(new URL(`../public/models/${REAL_MODEL}/onnx/model.onnx`, import.meta.url));

test('entities from the bundled model carry exact character offsets into the original text', async ({ page }) => {
  await openApp(page);
  const client = await startWorkerClient(page, {
    backend: 'webgpu',
    configure: { buckets: [16, 32], batchSize: 2, modes: ['bucketed'] },
  });
  const out = await page.evaluate(
    async ({ client }) => {
      const texts = [
        'Zoë went to Zürich 🇨🇭 and Zürich again with José.',
        'Ａ full-width test, 東京 and cafe\u0301 too.',
      ];
      const res = await client.classify({
        texts,
        aggregation: 'none',
        ignoreLabels: [],
        overflow: 'window',
        mode: 'bucketed',
      });
      client.dispose();
      return { texts, res };
    },
    { client },
  );
  out.res.results.forEach((r, i) => {
    const text = out.texts[i]!;
    expect(r.entities.length).toBeGreaterThan(5);
    for (const e of r.entities) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      // Tokens like "##rich" are word pieces; their span must be exactly that piece of the original text.
      const piece = e.word.replace(/^##/, '');
      if (piece !== '[UNK]') expect(text.slice(e.start, e.end)).toBe(piece);
    }
  });
  // A repeated word gets the offsets of each of its occurrences, not the first one twice.
  const text = out.texts[0]!;
  const first = text.indexOf('Zürich');
  const second = text.indexOf('Zürich', first + 1);
  const starts = out.res.results[0]!.entities.map((e) => e.start);
  expect(starts).toContain(first);
  expect(starts).toContain(second);
});

test('a 5,000-word text is windowed through the buckets and every token comes back exactly once', async ({ page }) => {
  await openApp(page);
  const client = await startWorkerClient(page, {
    backend: 'wasm',
    configure: { buckets: [32, 128], batchSize: 4, modes: ['bucketed'] },
  });
  const out = await page.evaluate(
    async ({ client }) => {
      const words = Array.from({ length: 5000 }, (_, i) => (i === 4997 ? 'Nairobi' : `w${i % 97}`));
      const text = words.join(' ');
      const res = await client.classify({
        texts: [text],
        aggregation: 'none',
        ignoreLabels: [],
        overflow: 'window',
        stride: 63,
        mode: 'bucketed',
      });
      const tokenCount = (await client.tokenize({ texts: [text] })).lengths[0]! - 2;
      client.dispose();
      return { textLength: text.length, r: res.results[0]!, tokenCount, nairobiAt: text.lastIndexOf('Nairobi') };
    },
    { client },
  );
  expect(out.r.buckets.length).toBeGreaterThan(50);
  expect(out.r.entities.map((e) => e.index)).toEqual(Array.from({ length: out.tokenCount }, (_, i) => i + 1));
  const last = out.r.entities[out.r.entities.length - 1]!;
  expect(last.end).toBe(out.textLength);
  expect(out.r.entities.some((e) => e.start === out.nairobiAt)).toBe(true);
});

test('a model from a hub id loads through the configurable hub host with download progress', async ({ page }) => {
  await openApp(page);
  const out = await page.evaluate(
    async ({ hub }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      await client.init({ appBaseUrl: api.appBaseUrl(), backend: 'wasm' });
      const progress: number[] = [];
      const info = await client.loadModel(
        { source: { kind: 'hub', id: 'bucketwise/tiny-bert-ner', host: hub } },
        { onProgress: (p) => p.stage === 'download' && p.loaded !== undefined && progress.push(p.loaded) },
      );
      await client.configure({ buckets: [16], batchSize: 1, modes: ['bucketed'] });
      const text = 'Ada Lovelace met Charles Babbage in London.';
      const viaHub = await client.classify({
        texts: [text],
        aggregation: 'simple',
        ignoreLabels: [],
        overflow: 'window',
        mode: 'bucketed',
      });
      await client.loadModel({ source: { kind: 'bundled', name: 'tiny-bert-ner' } });
      await client.configure({ buckets: [16], batchSize: 1, modes: ['bucketed'] });
      const bundled = await client.classify({
        texts: [text],
        aggregation: 'simple',
        ignoreLabels: [],
        overflow: 'window',
        mode: 'bucketed',
      });
      client.dispose();
      return { info, progress, viaHub: viaHub.results[0]!.entities, bundled: bundled.results[0]!.entities };
    },
    { hub: HUB_URL },
  );
  expect(out.info.name).toBe('bucketwise/tiny-bert-ner');
  expect(out.info.labels).toHaveLength(9);
  expect(out.progress.length).toBeGreaterThan(0);
  expect(out.viaHub.length).toBeGreaterThan(0);
  expect(out.viaHub).toEqual(out.bundled);
});

test('a malformed config.json or missing labels give a clear error and the worker keeps working', async ({ page }) => {
  await openApp(page);
  const out = await page.evaluate(
    async ({ hub, model }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      await client.init({ appBaseUrl: api.appBaseUrl(), backend: 'wasm' });
      const fail = (p: Promise<unknown>) =>
        p.then(
          () => null,
          (e: { code: string; message: string; hint?: string }) => ({ code: e.code, message: e.message, hint: e.hint }),
        );
      const broken = await fail(
        client.loadModel({ source: { kind: 'hub', id: 'bucketwise/broken-config', host: hub } }),
      );
      const enc = new TextEncoder();
      const files = [
        { name: 'model.onnx', bytes: enc.encode('not an onnx file').buffer as ArrayBuffer },
        { name: 'config.json', bytes: enc.encode('{"max_position_embeddings": 64}').buffer as ArrayBuffer },
        { name: 'tokenizer.json', bytes: enc.encode('{}').buffer as ArrayBuffer },
      ];
      const noLabels = await fail(client.loadModel({ source: { kind: 'files', files } }));
      await client.loadModel({ source: { kind: 'bundled', name: model } });
      await client.configure({ buckets: [16], batchSize: 1, modes: ['bucketed'] });
      const ok = await client.classify({
        texts: ['Still working.'],
        aggregation: 'simple',
        overflow: 'window',
        mode: 'bucketed',
      });
      client.dispose();
      return { broken, noLabels, ok: ok.results.length };
    },
    { hub: HUB_URL, model: TINY_MODEL },
  );
  expect(out.broken).toMatchObject({
    code: 'BAD_MODEL',
    message: expect.stringContaining('config.json of bucketwise/broken-config is not valid JSON'),
  });
  expect(out.noLabels).toMatchObject({ code: 'BAD_MODEL', message: expect.stringContaining('id2label') });
  expect(out.ok).toBe(1);
});

test('the bundled model finds PER Mary and LOC Nairobi and New York', async ({ page }) => {
  test.skip(!realModelShipped, `public/models/${REAL_MODEL}/onnx/model.onnx is not in this checkout`);
  await openApp(page);
  const text = 'Mary is flying from Nairobi to New York';
  const client = await startWorkerClient(page, {
    backend: 'webgpu',
    model: REAL_MODEL,
    configure: { buckets: [16], batchSize: 1, modes: ['bucketed'] },
  });
  const entities = await page.evaluate(
    async ({ client, text }) => {
      const res = await client.classify({ texts: [text], aggregation: 'simple', overflow: 'window', mode: 'bucketed' });
      client.dispose();
      return res.results[0]!.entities;
    },
    { client, text },
  );
  const simplified = entities.map((e) => ({ type: e.entity_group, word: e.word, start: e.start, end: e.end }));
  expect(simplified).toEqual([
    { type: 'PER', word: 'Mary', start: 0, end: 4 },
    { type: 'LOC', word: 'Nairobi', start: 20, end: 27 },
    { type: 'LOC', word: 'New York', start: 31, end: 39 },
  ]);
});
