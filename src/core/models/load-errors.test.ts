import { describe, expect, it } from 'vitest';
import { checkHubHost, describeHttpFailure, describeNetworkFailure } from './load-errors';

describe('checkHubHost', () => {
  it('refuses what is not a web address, in words instead of the browser\'s "Invalid URL"', () => {
    for (const host of ['not a url', '', 'huggingface.co', 'ftp://example.com/']) {
      const r = checkHubHost(host);
      expect(r.ok, host).toBe(false);
      if (!r.ok) {
        expect(r.failure.message).toContain('is not a web address');
        expect(r.failure.message).not.toMatch(/Invalid URL/);
        expect(r.failure.hint).toMatch(/https:\/\//);
      }
    }
  });
  it('accepts http(s) hosts and ends them with a slash', () => {
    expect(checkHubHost(' https://huggingface.co ')).toEqual({ ok: true, url: 'https://huggingface.co/' });
    expect(checkHubHost('http://127.0.0.1:4318/')).toEqual({ ok: true, url: 'http://127.0.0.1:4318/' });
  });
});

describe('describeHttpFailure', () => {
  const base = {
    file: 'config.json',
    url: 'https://huggingface.co/nobody/x/resolve/main/config.json',
    model: 'nobody/x',
  };
  it('names the file, the model, the host and the status, and says what to do', () => {
    const f = describeHttpFailure({ ...base, status: 404 });
    expect(f.message).toBe(
      'Downloading config.json of nobody/x from huggingface.co failed: HTTP 404, the host has no such file.',
    );
    expect(f.hint).toMatch(/model id/);
  });
  it('a missing ONNX file asks for a model with an ONNX export', () => {
    expect(describeHttpFailure({ ...base, file: 'onnx/model.onnx', status: 404 }).hint).toMatch(/onnx\/model\.onnx/);
  });
  it('private, rate-limited and failing hosts each get their own advice', () => {
    expect(describeHttpFailure({ ...base, status: 401 }).hint).toMatch(/private or gated/);
    expect(describeHttpFailure({ ...base, status: 429 }).hint).toMatch(/Wait/);
    expect(describeHttpFailure({ ...base, status: 503 }).message).toContain('HTTP 503');
    expect(describeHttpFailure({ ...base, status: 418 }).message).toContain('HTTP 418');
  });
});

describe('describeNetworkFailure', () => {
  it('turns "Failed to fetch" into the host that could not be reached and why that may be', () => {
    const f = describeNetworkFailure(
      { file: 'config.json', url: 'https://example.org/a/b/resolve/main/config.json', model: 'a/b' },
      'Failed to fetch',
    );
    expect(f.message).toBe(
      'Could not reach example.org to download config.json of a/b (the browser said: Failed to fetch).',
    );
    expect(f.hint).toMatch(/CORS/);
  });
});
