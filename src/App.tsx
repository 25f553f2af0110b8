import { useEffect, useState } from 'react';
import { appBaseUrl, createInferenceClient } from './client';
import type { BackendInfo } from './protocol/types';

/** Minimal shell: start the worker and say which backend it got, and why. */
export function App() {
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client = createInferenceClient();
    client
      .call('init', { appBaseUrl: appBaseUrl(), backend: 'auto' })
      .then(setBackend)
      .catch((err: Error) => setError(err.message));
    return () => client.dispose();
  }, []);

  return (
    <main>
      <h1>bucketwise</h1>
      <p data-testid="backend-badge">
        {error
          ? `Backend error: ${error}`
          : !backend
            ? 'Detecting backend…'
            : backend.backend === 'webgpu'
              ? `WebGPU: ${[backend.adapter?.vendor, backend.adapter?.architecture, backend.adapter?.description].filter(Boolean).join(' · ') || 'adapter'}`
              : `WASM (${backend.fallbackReason ?? 'chosen'})`}
      </p>
    </main>
  );
}
