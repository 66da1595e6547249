// Real Chromium for browser tests, driven by playwright-core (it never downloads a browser).
import { type Browser, chromium } from 'playwright-core';
import { findChromium, INSTALL_HINT } from '../../scripts/chromium.ts';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Browser tests need Chromium. ${INSTALL_HINT}`);
  return chromium.launch({
    executablePath,
    headless: true,
    // Without these Chromium tries to reach Google's services, which a closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
