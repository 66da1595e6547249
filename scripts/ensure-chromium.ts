// Part of `npm test`: the browser tests need a system Chromium. Where none is found, install it
// when this machine allows (Debian/Ubuntu as root), else stop with instructions. Never skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from '../backend/src/lib/chromium.ts';

if (findChromium()) process.exit(0);

if (process.env.CHROME_PATH) {
  console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist. ${INSTALL_HINT}`);
  process.exit(1);
}

const canApt = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error(`The browser tests need Chromium and none was found. ${INSTALL_HINT}`);
  process.exit(1);
}

console.log('Chromium not found: installing it with apt-get (needed by the browser tests)…');
const apt = (...args: string[]) =>
  execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt('update');
apt('install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core');
if (!findChromium()) {
  console.error(`apt-get finished but Chromium is still missing. ${INSTALL_HINT}`);
  process.exit(1);
}
