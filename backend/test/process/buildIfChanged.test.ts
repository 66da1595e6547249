// `npm start` skips the build when nothing it reads changed (scripts/build-if-changed.ts).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, isBuildCurrent, STAMP, sourceFingerprint } from '../../../scripts/build-if-changed.ts';

async function repository(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aimax-build-'));
  const files: Record<string, string> = {
    'package.json': '{}',
    'package-lock.json': '{}',
    'backend/src/main.ts': 'console.log(1);',
    'frontend/src/admin/main.tsx': 'export {};',
    'frontend/admin/index.html': '<!doctype html>',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function build(root: string): Promise<void> {
  for (const output of BUILD_OUTPUTS) {
    await mkdir(path.dirname(path.join(root, output)), { recursive: true });
    await writeFile(path.join(root, output), 'built');
  }
  await writeFile(path.join(root, STAMP), `${sourceFingerprint(root)}\n`);
}

describe('npm start: build only when the sources changed', () => {
  it('skips a build made from the same sources, and ignores what the builds write', async () => {
    const root = await repository();
    expect(isBuildCurrent(root, sourceFingerprint(root))).toBe(false);
    await build(root);
    await writeFile(path.join(root, 'frontend/dist/admin/extra.js'), 'more output');
    await mkdir(path.join(root, 'frontend/node_modules/x'), { recursive: true });
    await writeFile(path.join(root, 'frontend/node_modules/x/index.js'), 'a dependency');
    expect(isBuildCurrent(root, sourceFingerprint(root))).toBe(true);
  });

  it('builds again after an edit, a new file, a changed lockfile or a missing output', async () => {
    const root = await repository();
    await build(root);
    const stillCurrent = () => isBuildCurrent(root, sourceFingerprint(root));

    await writeFile(path.join(root, 'backend/src/main.ts'), 'console.log(2);');
    expect(stillCurrent()).toBe(false);
    await build(root);
    await writeFile(path.join(root, 'frontend/src/admin/new.tsx'), 'export {};');
    expect(stillCurrent()).toBe(false);
    await build(root);
    await writeFile(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(stillCurrent()).toBe(false);
    await build(root);
    expect(stillCurrent()).toBe(true);
    await rm(path.join(root, 'frontend/dist/admin/index.html'));
    expect(stillCurrent()).toBe(false);
    await build(root);
    await writeFile(path.join(root, STAMP), 'something else');
    expect(stillCurrent()).toBe(false);
  });
});
