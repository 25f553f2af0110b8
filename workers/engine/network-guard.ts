import { WorkerError } from '../../src/protocol/errors';

/**
 * The worker may only fetch from the app's own origin and from the model host the user chose. A worker
 * does not inherit the page's Content-Security-Policy, so this allowlist is what keeps any code in the
 * worker (ours, ORT's, transformers.js's) from sending anything elsewhere.
 */
export class NetworkGuard {
  private readonly allowed = new Set<string>();

  constructor(private readonly realFetch: typeof fetch) {
    this.allowed.add(self.location.origin);
  }

  allowHost(url: string): void {
    this.allowed.add(new URL(url).origin);
  }

  readonly fetch: typeof fetch = (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      self.location.href,
    );
    if (!this.allowed.has(url.origin) && url.protocol !== 'blob:' && url.protocol !== 'data:') {
      return Promise.reject(
        new WorkerError(
          'NETWORK',
          `Blocked a request to ${url.origin}: only the app and the chosen model host may be contacted.`,
          'Choose this host as the model host if you trust it.',
        ),
      );
    }
    return this.realFetch.call(globalThis, input, init);
  };
}
