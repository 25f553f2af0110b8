import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { BenchError } from './bench/errors';

// The browser and flags of the scripts and of the Playwright tests (playwright.config.ts): Debian's
// Chromium, never a downloaded one, with WebGPU enabled (SwiftShader where there is no GPU).
export const CHROMIUM_ARGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where the scripts find Chromium: BUCKETWISE_CHROMIUM, else Debian's package. */
export function chromiumPath(): string {
  return process.env.BUCKETWISE_CHROMIUM ?? '/usr/bin/chromium';
}

/** Starts headless Chromium for a script, or fails with BROWSER_MISSING saying what to install. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new BenchError(
      'BROWSER_MISSING',
      `Chromium was not found at ${executablePath}; install Debian's chromium package or set BUCKETWISE_CHROMIUM to a Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}
