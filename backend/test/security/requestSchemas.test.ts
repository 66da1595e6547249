// The trust boundary, checked on the whole app rather than route by route:
// - every request schema (body, query, params, headers) of every registered route is closed, nested
//   objects included, so a field a route does not know is refused instead of passed along;
// - no handler spreads request input into an object, the way a body's `tenantId` once overrode
//   the session's (`{ tenantId, ...request.body }`).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const;
const NESTED = ['items', 'not', 'if', 'then', 'else', 'additionalItems', 'contains'] as const;
const NESTED_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const NESTED_MAPS = ['properties', 'patternProperties', 'dependentSchemas'] as const;

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null;

/** JSON pointers (from `where`) of the objects in a schema that accept properties they do not name. */
function openObjects(schema: unknown, where: string): string[] {
  if (!isSchema(schema)) return [];
  const open: string[] = [];
  const typed = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  const objectLike = typed || 'properties' in schema || 'patternProperties' in schema;
  if (objectLike && schema.additionalProperties !== false) open.push(where);
  for (const key of NESTED) open.push(...openObjects(schema[key], `${where}/${key}`));
  for (const key of NESTED_LISTS) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const [i, item] of list.entries()) open.push(...openObjects(item, `${where}/${key}/${i}`));
  }
  for (const key of NESTED_MAPS) {
    const map = schema[key];
    if (isSchema(map)) {
      for (const [name, item] of Object.entries(map)) open.push(...openObjects(item, `${where}/${key}/${name}`));
    }
  }
  if (isSchema(schema.additionalProperties)) {
    open.push(...openObjects(schema.additionalProperties, `${where}/additionalProperties`));
  }
  return open;
}

describe('request schemas', () => {
  it('finds an open object however deep it sits (the check itself can fail)', () => {
    const schema = Type.Object(
      {
        contacts: Type.Object({ phone: Type.String() }),
        list: Type.Array(Type.Object({ a: Type.String() }, { additionalProperties: false })),
        either: Type.Union([Type.Object({ b: Type.String() }), Type.Null()]),
        tags: Type.Record(Type.String({ pattern: '^x' }), Type.String()),
      },
      { additionalProperties: false },
    );
    expect(openObjects(schema, 'body')).toEqual([
      'body/properties/contacts',
      'body/properties/either/anyOf/0',
      'body/properties/tags',
    ]);
    expect(openObjects(Type.Object({ a: Type.String() }, { additionalProperties: false }), 'body')).toEqual([]);
  });

  it('are closed on every registered route, nested objects included', async () => {
    const { app } = await createTestApp();
    const open = app.routeTable.flatMap((route) =>
      REQUEST_PARTS.flatMap((part) =>
        openObjects(route.schema?.[part], part).map((where) => `${route.method} ${route.url}: ${where}`),
      ),
    );
    expect(open).toEqual([]);
    // The table is the whole app: the admin, platform and widget APIs and the pages around them.
    const urls = app.routeTable.map((route) => route.url);
    expect(urls).toEqual(expect.arrayContaining(['/api/team/members', '/api/widget/sessions', '/files/private/*']));
  });
});

const SOURCE = path.resolve(import.meta.dirname, '../../src');

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// `...request.body`, `...req.query`, and the same through a name a handler gave them.
const INPUT_SPREAD = /\.\.\.\s*(?:(?:request|req)\.(?:body|query|params|headers)|(?:body|query|params|input)\b)/;

describe('handlers', () => {
  it('recognises a spread of request input (the check itself can fail)', () => {
    expect(INPUT_SPREAD.test('addMember(app.db, { tenantId, actorId: userId, ...request.body })')).toBe(true);
    expect(INPUT_SPREAD.test('const body = request.body; save({ ...body, tenantId })')).toBe(true);
    expect(INPUT_SPREAD.test('addMember(app.db, memberOf(request), request.body)')).toBe(false);
  });

  it('never spread request input into an object: the context goes beside the input', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(SOURCE)) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (INPUT_SPREAD.test(line)) offenders.push(`${path.relative(SOURCE, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
