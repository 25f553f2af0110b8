import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app. Scripts, workers, styles and data come only from the
 * app's own origin; `wasm-unsafe-eval` lets onnxruntime-web compile its WASM runtime; network reads
 * may also go to the model hosts (the Hugging Face hub by default, and model servers on this machine),
 * because users can load models by hub id. Build with BUCKETWISE_MODEL_HOSTS="https://my.host ..." to
 * allow other hosts instead.
 */
export const DEFAULT_MODEL_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'http://localhost:*',
  'http://127.0.0.1:*',
];

export function modelHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.BUCKETWISE_MODEL_HOSTS?.split(/\s+/).filter(Boolean);
  return configured && configured.length > 0 ? configured : DEFAULT_MODEL_HOSTS;
}

export function contentSecurityPolicy(hosts: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self' ${hosts.join(' ')}`,
    "img-src 'self' data: blob:",
    // React and recharts set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Puts the policy in the built index.html, so it holds on any static host. */
export function cspMetaTag(policy: string): Plugin {
  return {
    name: 'bucketwise-csp',
    // The dev server injects inline scripts (React refresh), so the policy applies to builds only.
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      );
    },
  };
}
