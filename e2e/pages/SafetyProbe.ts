import { expect, type Page, type Request } from '@playwright/test';

/** What the page shows when hostile strings went in: whether anything in them was run or built. */
export interface InjectionReport {
  /** What a payload wrote to window.__xss; undefined when none ran. */
  xss: unknown;
  /** Elements carrying an inline handler attribute (the app itself never writes one). */
  handlerElements: string[];
  /** Images with the payloads' src=x, and scripts whose text mentions __xss. */
  payloadElements: string[];
  /** Content-Security-Policy violations the page reported: a blocked inline script means one was built. */
  violations: string[];
}

/**
 * Records CSP violations from the first script on, so a payload that reached the DOM and was only stopped
 * by the policy still fails the test: the policy is a second line, not the reason nothing ran.
 */
const watched = new WeakSet<Page>();

export async function watchViolations(page: Page): Promise<void> {
  // Init scripts apply from the next navigation on and pile up: install once per page, before opening it.
  if (watched.has(page)) return;
  watched.add(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { __violations?: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
}

export async function injectionReport(page: Page): Promise<InjectionReport> {
  return page.evaluate(() => ({
    xss: (window as { __xss?: unknown }).__xss,
    handlerElements: [...document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]')].map((e) =>
      e.outerHTML.slice(0, 120),
    ),
    payloadElements: [
      ...[...document.querySelectorAll('img[src="x"]')].map((e) => e.outerHTML),
      ...[...document.querySelectorAll('script')]
        .filter((s) => s.textContent?.includes('__xss'))
        .map((s) => s.outerHTML.slice(0, 120)),
    ],
    violations: (window as { __violations?: string[] }).__violations ?? [],
  }));
}

/** Nothing ran, nothing was built, and the policy never had to step in. */
export async function expectNothingInjected(page: Page): Promise<void> {
  expect(await injectionReport(page)).toEqual({
    xss: undefined,
    handlerElements: [],
    payloadElements: [],
    violations: [],
  });
}

/** One request as the test saw it: where it went and what it carried. */
export interface RecordedRequest {
  url: string;
  method: string;
  body: string;
}

/**
 * Records every request of a page's context. Chromium reports a dedicated worker's requests on its page
 * (the safety suite checks that with a request only the worker makes), so this sees the worker's too.
 */
export function recordRequests(page: Page): RecordedRequest[] {
  const seen: RecordedRequest[] = [];
  page.context().on('request', (request: Request) => {
    seen.push({ url: request.url(), method: request.method(), body: request.postDataBuffer()?.toString('utf8') ?? '' });
  });
  return seen;
}
