// Real Chromium for browser tests, driven by playwright-core (it never downloads a browser).
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from '../../backend/src/lib/chromium.ts';

/** `hosts` names resolved to loopback, as DNS would for a company's domain pointed at the platform. */
export async function launchBrowser(options: { hosts?: string[] } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`Browser tests need Chromium. ${INSTALL_HINT}`);
  const rules = (options.hosts ?? []).map((host) => `MAP ${host} 127.0.0.1`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: rules.length > 0 ? [...CHROMIUM_ARGS, `--host-resolver-rules=${rules.join(',')}`] : CHROMIUM_ARGS,
  });
}
