import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/lib/chromium';

const port = Number(process.env.BUCKETWISE_E2E_PORT ?? 4317);
const hubPort = Number(process.env.BUCKETWISE_HUB_PORT ?? 4318);
// The build under test; another folder lets two builds coexist (BUCKETWISE_DIST=dist-x after vite build --outDir dist-x).
const distDir = process.env.BUCKETWISE_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  // WebGPU runs on SwiftShader (a CPU Vulkan) in tests: slow but real.
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'off',
    screenshot: 'only-on-failure',
    // Debian's Chromium, never a downloaded browser (BUCKETWISE_CHROMIUM for another path), with the
    // scripts' flags.
    launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] },
  },
  // Tests run against the production build served by `vite preview` (the same static files users host).
  webServer: [
    {
      command: `npx vite preview --outDir ${distDir} --port ${port} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A local stand-in for the model hub (the real one is unreachable here); see e2e/hub-server.ts.
      command: `npx tsx e2e/hub-server.ts ${hubPort}`,
      url: `http://127.0.0.1:${hubPort}/bucketwise/tiny-bert-ner/resolve/main/config.json`,
      reuseExistingServer: false,
      // tsx compiles the stand-in on start: over 30 s when the shared machine is loaded.
      timeout: 120_000,
    },
  ],
});
