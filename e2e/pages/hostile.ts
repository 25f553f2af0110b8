/**
 * Markup that would run if the page ever parsed user-controlled strings as HTML. Each payload sets
 * `window.__xss` to where it came from; the safety suite asserts that nothing ever sets it, that no element
 * carries the payloads' handlers, and that the strings are shown literally.
 */
export const XSS_PAYLOADS = {
  img: (where: string) => `<img src=x onerror="window.__xss='${where} img'">`,
  script: (where: string) => `<script>window.__xss='${where} script'</script>`,
  svg: (where: string) => `"><svg onload="window.__xss='${where} svg'">`,
} as const;

/** Labels of the hub stand-in's `bucketwise/html-labels` model (see e2e/hub-server.ts). */
export const HTML_LABELS: readonly string[] = [
  'O',
  `B-${XSS_PAYLOADS.img('label')}`,
  `I-${XSS_PAYLOADS.img('label')}`,
  `B-${XSS_PAYLOADS.script('label')}`,
  `I-${XSS_PAYLOADS.script('label')}`,
  `B-${XSS_PAYLOADS.svg('label')}`,
  `I-${XSS_PAYLOADS.svg('label')}`,
  'B-LOC',
  'I-LOC',
];
