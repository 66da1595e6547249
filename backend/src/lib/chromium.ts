// Where the system Chromium is: CHROME_PATH, else the usual install paths. Used by the PDF engine,
// the browser tests, and scripts/ensure-chromium.ts (which installs it when it can).
import { existsSync } from 'node:fs';

const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(fromEnv: string | undefined = process.env.CHROME_PATH): string | null {
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return USUAL_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}

/** Flags for a headless Chromium on a server: no sandbox as root, and no calls to Google's services. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
];

export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium fonts-dejavu-core`; ' +
  'macOS: install Google Chrome) or set CHROME_PATH to a Chrome/Chromium executable.';
