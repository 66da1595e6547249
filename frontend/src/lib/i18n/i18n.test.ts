import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plural } from './plural';
import { ru } from './ru';

type Leaf = { path: string; text: string };

/** Every text of the catalogue; functions are called with sample numbers (counts, names alike). */
function leavesOf(node: unknown, path = 'ru'): Leaf[] {
  if (typeof node === 'string') return [{ path, text: node }];
  if (typeof node === 'function') {
    const sample = Array.from({ length: node.length }, (_, index) => index + 2);
    return [{ path: `${path}()`, text: node(...sample) }];
  }
  if (Array.isArray(node)) return node.flatMap((item, index) => leavesOf(item, `${path}[${index}]`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => leavesOf(value, `${path}.${key}`));
  }
  throw new Error(`${path}: a catalogue entry must be a text, a function returning one, or a group`);
}

describe('the Russian catalogue', () => {
  const leaves = leavesOf(ru);

  it('has a non-empty, tidy text for every entry', () => {
    const untidy = leaves.filter(({ text }) => !text || text !== text.trim() || /\s{2}|undefined|NaN/.test(text));
    expect(untidy).toEqual([]);
  });

  it('names every role, plan and company status', () => {
    expect(Object.keys(ru.roles).sort()).toEqual(['manager', 'owner', 'superadmin']);
    expect(Object.keys(ru.plans).sort()).toEqual(['business', 'enterprise', 'free', 'start']);
    expect(Object.keys(ru.tenantStatuses).sort()).toEqual(['active', 'suspended']);
  });

  it('puts counts in the right grammatical form', () => {
    expect(ru.team.members.count(1)).toBe('1 сотрудник');
    expect(ru.team.members.count(3)).toBe('3 сотрудника');
    expect(ru.team.members.count(11)).toBe('11 сотрудников');
    expect(ru.platform.tenants.total(21)).toBe('21 компания');
    expect(ru.platform.tenants.total(0)).toBe('0 компаний');
  });
});

describe('plural', () => {
  const forms = ['день', 'дня', 'дней'] as const;

  it.each([
    [1, 'день'],
    [2, 'дня'],
    [4, 'дня'],
    [5, 'дней'],
    [11, 'дней'],
    [12, 'дней'],
    [21, 'день'],
    [22, 'дня'],
    [111, 'дней'],
  ])('%i → %s', (count, expected) => {
    expect(plural(count, forms)).toBe(expected);
  });
});

describe('Russian texts outside the catalogue', () => {
  const src = fileURLToPath(new URL('../..', import.meta.url));
  const catalogue = fileURLToPath(new URL('.', import.meta.url));

  // Catalogues hold the texts: this folder, and a bundle's own `i18n.ts` (the widget keeps its
  // texts apart so that neither bundle carries the other's).
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return path === catalogue.replace(/\/$/, '') ? [] : sourceFiles(path);
      if (entry.name === 'i18n.ts') return [];
      // Tests and their fixtures (`*.fixtures.ts`) speak as visitors and owners would: not interface texts.
      return /\.tsx?$/.test(entry.name) && !/\.(test|fixtures)\.tsx?$/.test(entry.name) ? [path] : [];
    });

  // Comments may quote Russian examples; only code counts.
  const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

  it('are not written into components: every interface text comes from the catalogue', () => {
    const offenders = sourceFiles(src).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          /[А-Яа-яЁё]/.test(line) && !isComment(line) ? [`${relative(src, file)}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});
