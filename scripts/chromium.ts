// Where the system Chromium is: CHROME_PATH, else the usual install paths. Shared by the browser
// tests and by ensure-chromium.ts, which installs it when it can.
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

export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return USUAL_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}

export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium fonts-dejavu-core`; ' +
  'macOS: install Google Chrome) or set CHROME_PATH to a Chrome/Chromium executable.';
