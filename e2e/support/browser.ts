// Real Chromium for browser tests, driven by playwright-core (it never downloads a browser).
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from '../../backend/src/lib/chromium.ts';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Browser tests need Chromium. ${INSTALL_HINT}`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
