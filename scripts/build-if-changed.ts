// `npm start` builds only when what the build reads changed since the last build: a fingerprint
// of those files (paths and contents) is kept beside the backend's build, and a start whose
// sources match it, with both builds in place, goes straight to serving. A fresh clone, a pull or
// an edit rebuilds as before.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What the backend's and the front end's builds read, relative to the repository's root. */
export const BUILD_INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'backend/package.json',
  'backend/tsconfig.json',
  'backend/tsconfig.build.json',
  'backend/src',
  'frontend',
];
/** What the builds write: both must be there for a build to be skipped. */
export const BUILD_OUTPUTS = ['backend/dist/main.js', 'frontend/dist/admin/index.html'];
export const STAMP = 'backend/dist/.build-stamp';
const NOT_INPUTS = new Set(['node_modules', 'dist']);

function filesUnder(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !NOT_INPUTS.has(entry.name))
    .flatMap((entry) => filesUnder(root, path.join(relative, entry.name)));
}

/** A digest of every build input's path and contents, in a stable order. */
export function sourceFingerprint(root: string, inputs: readonly string[] = BUILD_INPUTS): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => filesUnder(root, input)).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** Whether the last build was made from these very sources and its outputs are all there. */
export function isBuildCurrent(root: string, fingerprint: string): boolean {
  const stamp = path.join(root, STAMP);
  return (
    BUILD_OUTPUTS.every((output) => existsSync(path.join(root, output))) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === fingerprint
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  // Taken before the build: an edit made while it runs is built next time.
  const fingerprint = sourceFingerprint(root);
  if (isBuildCurrent(root, fingerprint)) {
    console.log('Build is up to date with the sources; starting.');
  } else {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    writeFileSync(path.join(root, STAMP), `${fingerprint}\n`);
  }
}
