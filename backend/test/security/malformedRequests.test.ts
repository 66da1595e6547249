// No request gets a 500 or hangs, whatever it carries. The cases are derived from the OpenAPI
// document (@fastify/swagger, from the routes' TypeBox schemas) for every operation in it: broken
// and non-object JSON, each field missing, of a wrong type (fixed values, and fast-check's from a
// fixed seed), huge or full of control characters, unknown properties and query parameters,
// repeated query parameters, malformed path parameters and broken multipart uploads. Then the
// routes outside /api that read query strings: signed file links and the widget frame.
//
// A case the route's schema surely rejects must be answered with a 4xx and the one error body,
// `{ error: { code, message } }`. A case the schema may accept (a welcome text may hold a
// newline; `coerceTypes` makes the string "42" of the number 42) must only not break anything:
// no 5xx, a JSON answer. Every request must end within DEADLINE_MS; speed is not asserted.
//
// A new route needs no line here: its cases come from its schema. New upload routes do need one
// in MULTIPART, since the document does not say which operations take multipart bodies.
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlatform } from '../../src/modules/platform/bootstrap.ts';
import type { Access } from '../../src/plugins/auth.ts';
import { createTestApp } from '../support/app.ts';
import { logInAs, randomIp, STRONG_PASSWORD, signUpOwner, uniqueEmail } from '../support/clients.ts';
import { pngImage } from '../support/images.ts';
import { widgetKeyOf } from '../support/widget.ts';

/** A response that has not ended by then is a hang. */
const DEADLINE_MS = 3000;
/** fast-check runs per field, from one seed, so a failure replays exactly. */
const FAST_CHECK_RUNS = 8;
const FAST_CHECK_SEED = 20_260_115;

const HUGE = 'x'.repeat(200_000);
const CONTROL_STRINGS = ['a\r\nb', '\u0000', '\r\nSet-Cookie: x=1', '\u001b[31m\u0008\u007f'];
/** One value of each JSON type; whether one is wrong for a field is the field's schema's to say. */
const OTHER_TYPES: unknown[] = [42, 'text', true, null, {}, [], [1, 2]];
/** Strings tried in turn for a field's valid value; the first its schema accepts is used. */
const SAMPLE_STRINGS = [
  'Текст',
  '',
  STRONG_PASSWORD,
  'name@example.ru',
  '#1f6feb',
  'https://example.ru',
  'visitor_0123456789abcdef',
  '2026-01-15',
  '09:00',
];
/** The upload routes (multipart field `file`): the document gives them no request body. */
const MULTIPART = new Set(['POST /api/branding/logo', 'POST /api/bot-settings/avatar', 'POST /api/knowledge/files']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The slice of OpenAPI 3.0 that @fastify/swagger writes for these routes.
interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  default?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema } | undefined> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

interface ApiOperation {
  method: string;
  /** `METHOD /url` as the route is registered (`:id`, not `{id}`). */
  route: string;
  /** The document's path, `{id}` and all. */
  path: string;
  access: Access;
  operation: Operation;
}

interface Probe {
  /** Path and query string, already encoded. */
  url: string;
  body?: string | Buffer;
  contentType?: string;
}

/**
 * `refused`: the schema surely rejects it; a 4xx with the error body (of `status` if given).
 * `survives`: it may be accepted; no 5xx and a JSON answer.
 */
interface MalformedCase {
  name: string;
  expect: 'refused' | 'survives';
  status?: number[];
  /** The error's `fields` must name this one (unknown properties are said out loud). */
  fieldNamed?: string;
  probe: Probe;
}

// The cases are generated from the document, so the app is built while the file is collected:
// one app for the whole file, closed after its tests (createTestApp's afterAll).
const ctx = await createTestApp();
const document = ctx.app.swagger() as unknown as OpenApiDocument;
const image = await pngImage(40, 20);

// Requests need the right caller to get past access control to validation: an owner for the
// company's routes, the superadmin for the platform's.
const owner = await signUpOwner(ctx.app);
await bootstrapPlatform(ctx.db, { adminEmail: 'operator@aimax.test', adminPassword: STRONG_PASSWORD });
const admin = await logInAs(ctx.app, 'operator@aimax.test', STRONG_PASSWORD);
/**
 * Values that take a request past its first lookup, so that what a case sends reaches the
 * services and the database: the widget routes find the company by its key before anything else.
 */
const knownValues: Record<string, unknown> = { key: await widgetKeyOf(ctx, owner) };

const operations: ApiOperation[] = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => {
    const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
    const access = ctx.app.routeTable.find((r) => `${r.method} ${r.url}` === route)?.access;
    if (!access) throw new Error(`${route} is in the OpenAPI document without a declared access`);
    return { method: method.toUpperCase(), route, path, access, operation };
  }),
);

function credentialsFor(access: Access): Record<string, string> {
  if (access === 'public') return {};
  const client = access === 'superadmin' ? admin : owner;
  return { cookie: client.cookie, 'x-csrf-token': client.session.csrfToken };
}

/** The request, failed with `label` if its response has not ended within DEADLINE_MS. */
async function withinDeadline<T>(label: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no response within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function send(
  label: string,
  method: string,
  probe: Probe,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return withinDeadline(
    label,
    ctx.app.inject({
      method: method as InjectOptions['method'],
      url: probe.url,
      headers: { ...headers, ...(probe.contentType ? { 'content-type': probe.contentType } : {}) },
      // Every request looks like a different visitor, so per-IP throttles do not turn cases into 429s.
      remoteAddress: randomIp(),
      ...(probe.body === undefined ? {} : { payload: probe.body }),
    }),
  );
}

const describeProbe = (method: string, probe: Probe) =>
  `${method} ${probe.url.slice(0, 200)}${probe.body === undefined ? '' : ` ${probe.body.toString().slice(0, 300)}`}`;

function expectAnswer(label: string, response: LightMyRequestResponse, expectation: Omit<MalformedCase, 'probe'>) {
  const seen = `${label}\n  → ${response.statusCode} ${response.headers['content-type'] ?? ''} ${response.body.slice(0, 400)}`;
  expect(response.statusCode, seen).toBeLessThan(500);
  if (expectation.expect === 'refused') expect(response.statusCode, seen).toBeGreaterThanOrEqual(400);
  if (expectation.status) expect(expectation.status, seen).toContain(response.statusCode);
  // A header value written from the request would let it add headers of its own.
  expect(String(response.headers['set-cookie'] ?? ''), seen).not.toContain('x=1');
  if (response.statusCode === 204) return;
  expect(String(response.headers['content-type']), seen).toMatch(/^application\/json/);
  if (response.statusCode < 400) return;
  const body = response.json();
  expect(body, seen).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (expectation.fieldNamed) expect(Object.keys(body.error.fields ?? {}), seen).toContain(expectation.fieldNamed);
}

// What ajv, as the app configures it (coerceTypes: 'array'), turns a value into for a type.
const NOT_COERCIBLE = Symbol('not coercible');
function coerce(type: string | undefined, value: unknown): unknown {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return value === null ? '' : NOT_COERCIBLE;
    case 'number':
    case 'integer': {
      let number: number | undefined;
      if (typeof value === 'number') number = value;
      else if (typeof value === 'boolean') number = Number(value);
      else if (value === null) number = 0;
      else if (typeof value === 'string' && value !== '' && !Number.isNaN(Number(value))) number = Number(value);
      if (number === undefined) return NOT_COERCIBLE;
      return type === 'integer' && Number.isFinite(number) && !Number.isInteger(number) ? NOT_COERCIBLE : number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 1) return true;
      if (value === 'false' || value === 0 || value === null) return false;
      return NOT_COERCIBLE;
    case 'null':
      return value === null || value === '' || value === 0 || value === false ? null : NOT_COERCIBLE;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : NOT_COERCIBLE;
    case 'array':
      if (Array.isArray(value)) return value;
      return typeof value === 'object' && value !== null ? NOT_COERCIBLE : [value];
    default:
      return value;
  }
}

// Loose shapes: a value that fails one surely fails ajv-formats' stricter check.
const LOOSE_FORMATS: Record<string, RegExp> = {
  uuid: /^(urn:uuid:)?[0-9a-f-]+$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[t\s]/i,
  email: /@/,
};

/**
 * True when the schema rejects the value whatever else it holds. Erring towards "may be valid"
 * only makes a case lenient, never a failure of correct code; objects and arrays are judged by
 * their type alone.
 */
function surelyInvalid(schema: Schema, value: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.every((branch) => surelyInvalid(branch, value));
  // OpenAPI writes a null branch as `nullable`; ajv coerces "", 0 and false to null.
  if (schema.nullable && (value === null || value === '' || value === 0 || value === false)) return false;
  // coerceTypes: 'array' takes a one-element array for its element.
  if (Array.isArray(value) && value.length === 1 && schema.type !== 'array' && !surelyInvalid(schema, value[0])) {
    return false;
  }
  const coerced = coerce(schema.type, value);
  if (coerced === NOT_COERCIBLE) return true;
  if (schema.enum && !schema.enum.some((allowed) => allowed === coerced)) return true;
  if (typeof coerced !== 'string') return false;
  const length = [...coerced].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) return true;
  if (schema.minLength !== undefined && length < schema.minLength) return true;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(coerced)) return true;
  const shape = schema.format ? LOOSE_FORMATS[schema.format] : undefined;
  return shape ? !shape.test(coerced) : false;
}

const expectationFor = (schema: Schema, value: unknown): MalformedCase['expect'] =>
  surelyInvalid(schema, value) ? 'refused' : 'survives';

/** A schema that says something about its values' types (not `value: {}`, which takes anything). */
const constrainsType = (schema: Schema): boolean =>
  schema.anyOf ? schema.anyOf.every(constrainsType) : schema.type !== undefined || schema.enum !== undefined;

const takesStrings = (schema: Schema): boolean =>
  schema.anyOf
    ? schema.anyOf.some(takesStrings)
    : schema.type === 'string' ||
      (schema.type === undefined && (schema.enum === undefined || schema.enum.some((v) => typeof v === 'string')));

/**
 * A valid value for the schema (of the field `name`), from which each case changes one thing.
 * Emails are new each time: a sign-up that a case lets through must not find the address taken.
 */
function example(schema: Schema, name?: string): unknown {
  const known = name === undefined ? undefined : knownValues[name];
  if (known !== undefined && !surelyInvalid(schema, known)) return known;
  if (schema.default !== undefined) return schema.default;
  if (schema.anyOf?.[0]) return example(schema.anyOf[0]);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([property, field]) => [property, example(field, property)]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => example(schema.items ?? {}));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      break;
    default:
      return 'значение';
  }
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return new Date(Date.now() + 30 * 86_400_000).toISOString();
  if (schema.format === 'email') return uniqueEmail('malformed');
  const sample = SAMPLE_STRINGS.find((candidate) => !surelyInvalid(schema, candidate));
  if (sample === undefined)
    throw new Error(`no sample string fits ${JSON.stringify(schema)}: add one to SAMPLE_STRINGS`);
  return sample;
}

interface Field {
  path: string[];
  schema: Schema;
  required: boolean;
}

/** Every property of a body, nested objects' included. */
function fieldsOf(schema: Schema, path: string[] = []): Field[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const here = [...path, name];
    const nested = field.type === 'object' && field.properties ? fieldsOf(field, here) : [];
    return [{ path: here, schema: field, required: schema.required?.includes(name) ?? false }, ...nested];
  });
}

/** The paths of the body's objects that declare their properties, the body itself first. */
const objectsOf = (schema: Schema): string[][] => [
  [],
  ...fieldsOf(schema)
    .filter((field) => field.schema.type === 'object' && field.schema.properties)
    .map((field) => field.path),
];

const REMOVE = Symbol('remove');
function withField(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === REMOVE) Reflect.deleteProperty(target, last);
  else target[last] = value;
  return copy;
}

const json = (value: unknown): Pick<Probe, 'body' | 'contentType'> => ({
  body: JSON.stringify(value),
  contentType: 'application/json',
});

/** The path with its parameters encoded (`raw` ones as given), and the query string. */
function urlOf(
  path: string,
  params: Record<string, string>,
  query: Record<string, string | string[]>,
  raw: Record<string, string> = {},
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => raw[name] ?? encodeURIComponent(params[name] ?? ''));
  const search = Object.entries(query)
    .flatMap(([name, value]) => [value].flat().map((one) => `${encodeURIComponent(name)}=${encodeURIComponent(one)}`))
    .join('&');
  return search ? `${filled}?${search}` : filled;
}

function show(value: unknown): string {
  if (typeof value === 'string' && value.length > 60) return `a ${value.length.toLocaleString('en')}-character string`;
  return JSON.stringify(value);
}

const dotted = (path: string[]) => path.join('.');

/** A value of a query parameter that is not of its type (none for a string of any length). */
function wrongQueryValue(schema: Schema): string | undefined {
  if (schema.enum) return 'no-such-value';
  if (schema.type === 'integer' || schema.type === 'number') return 'abc';
  if (schema.type === 'boolean') return 'maybe';
  if (schema.format === 'uuid') return 'not-a-uuid';
  if (schema.format === 'date') return '31.12.2026';
  if (schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  return undefined;
}

/** A valid path parameter: a random UUID where the schema says so, else a token-like string. */
const pathValueFor = (schema: Schema): string => {
  if (schema.format === 'uuid') return randomUUID();
  const token = randomBytes(24).toString('base64url');
  return surelyInvalid(schema, token) ? String(example(schema)) : token;
};

const BROKEN_ESCAPE = '%E0%A4%A';

const BOUNDARY = 'malformed-boundary';
const FORM = `multipart/form-data; boundary=${BOUNDARY}`;
const part = (disposition: string, content: string | Buffer, type?: string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`,
    ),
    Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
const CLOSING = Buffer.from(`--${BOUNDARY}--\r\n`);
const FILE_PART = part('name="file"; filename="logo.png"', image, 'image/png');

/** Upload routes that take any document, where a file of text is valid and an empty one is not. */
const DOCUMENT_UPLOADS = new Set(['POST /api/knowledge/files']);

function multipartCases(url: string, route: string): MalformedCase[] {
  const upload = (name: string, body: Buffer | string, contentType = FORM): MalformedCase => ({
    name: `multipart: ${name}`,
    expect: 'refused',
    status: [400, 413, 415],
    probe: { url, body, contentType },
  });
  return [
    upload('a boundary but no parts', CLOSING),
    upload('no boundary in the content type', Buffer.concat([FILE_PART, CLOSING]), 'multipart/form-data'),
    upload(
      'a part cut short (no closing boundary)',
      Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        image.subarray(0, 20),
      ]),
    ),
    upload('part headers cut short', `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filen`),
    upload('a file part with no filename', Buffer.concat([part('name="file"', image, 'image/png'), CLOSING])),
    upload('a text field instead of a file', Buffer.concat([part('name="file"', 'not a file'), CLOSING])),
    upload(
      'a file in a wrong field name',
      Buffer.concat([part('name="image"; filename="logo.png"', image, 'image/png'), CLOSING]),
    ),
    upload('two files', Buffer.concat([FILE_PART, FILE_PART, CLOSING])),
    DOCUMENT_UPLOADS.has(route)
      ? upload(
          'an empty file',
          Buffer.concat([part('name="file"; filename="прайс.pdf"', '', 'application/pdf'), CLOSING]),
        )
      : upload(
          'a file that is not an image',
          Buffer.concat([part('name="file"; filename="logo.png"', 'plain text', 'image/png'), CLOSING]),
        ),
    upload('a JSON body instead of a form', '{}', 'application/json'),
  ];
}

/** Every malformed request for one operation, each changing one thing of a valid request. */
function casesOf(op: ApiOperation): MalformedCase[] {
  const parameters = op.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const pathValues = Object.fromEntries(pathParams.map((p) => [p.name, pathValueFor(p.schema)]));
  const baseQuery: Record<string, string | string[]> = Object.fromEntries(
    queryParams.filter((p) => p.required).map((p) => [p.name, String(example(p.schema, p.name))]),
  );
  const schema = op.operation.requestBody?.content['application/json']?.schema;
  const base = () => (schema ? example(schema) : undefined);
  const url = urlOf(op.path, pathValues, baseQuery);
  const baseBody = () => (schema ? json(base()) : {});
  const cases: MalformedCase[] = [];
  const add = (name: string, expectation: MalformedCase['expect'], probe: Probe, extra: Partial<MalformedCase> = {}) =>
    cases.push({ name, expect: expectation, probe, ...extra });

  for (const param of pathParams) {
    const wrong = param.schema.format === 'uuid' ? 'not-a-uuid' : 'x'.repeat((param.schema.maxLength ?? 100) + 1);
    for (const value of ['a\r\nb', '\u0000', wrong]) {
      add(`path :${param.name} = ${show(value)}`, expectationFor(param.schema, value), {
        url: urlOf(op.path, { ...pathValues, [param.name]: value }, baseQuery),
        ...baseBody(),
      });
    }
    add(`path :${param.name} with a broken percent-escape (${BROKEN_ESCAPE})`, 'refused', {
      url: urlOf(op.path, pathValues, baseQuery, { [param.name]: BROKEN_ESCAPE }),
      ...baseBody(),
    });
  }

  for (const param of queryParams) {
    const valid = String(example(param.schema, param.name));
    const wrong = wrongQueryValue(param.schema);
    const values: [string, string | string[]][] = [
      ['with CR/LF', 'a\r\nb'],
      ['with a NUL character', '\u0000'],
      ...(wrong === undefined ? [] : ([['of a wrong type', wrong]] as [string, string][])),
      ['repeated', [valid, valid]],
    ];
    for (const [what, value] of values) {
      add(`query ${param.name} ${what}: ${show(value)}`, expectationFor(param.schema, value), {
        url: urlOf(op.path, pathValues, { ...baseQuery, [param.name]: value }),
        ...baseBody(),
      });
    }
    add(`query ${param.name} with a broken percent-escape (${BROKEN_ESCAPE})`, 'survives', {
      url: `${urlOf(op.path, pathValues, baseQuery)}${Object.keys(baseQuery).length ? '&' : '?'}${param.name}=${BROKEN_ESCAPE}`,
      ...baseBody(),
    });
  }
  if (queryParams.length > 0) {
    add(
      'an unknown query parameter',
      'refused',
      { url: urlOf(op.path, pathValues, { ...baseQuery, zzUnknown: '1' }), ...baseBody() },
      { status: [400], fieldNamed: 'zzUnknown' },
    );
  } else if (op.method === 'GET') {
    // Without a query schema there is nothing to refuse it by; it must still be harmless.
    add('an unknown query parameter, with CR/LF and repeated', 'survives', {
      url: `${url}?zzUnknown=a%0D%0Ab&zzUnknown=%00`,
    });
  }

  if (BODY_METHODS.has(op.method)) {
    // The JSON parser runs before any handler, whether or not the route takes a body.
    add('invalid JSON: cut short', 'refused', { url, body: '{"a":', contentType: 'application/json' });
    add('invalid JSON: a stray brace', 'refused', { url, body: '{"a": 1}}', contentType: 'application/json' });
  }

  if (schema) {
    const raw = JSON.stringify(base());
    add('an empty body labelled JSON', 'refused', { url, body: '', contentType: 'application/json' });
    add('JSON labelled text/plain', 'refused', { url, body: raw, contentType: 'text/plain' });
    add('JSON nested 50 000 deep', 'refused', {
      url,
      body: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      contentType: 'application/json',
    });
    add('a __proto__ property', 'refused', {
      url,
      body: `{"__proto__":{"polluted":true},${raw.slice(1)}`,
      contentType: 'application/json',
    });
    // coerceTypes: 'array' reads a one-element array as its element; the body itself must not be.
    for (const body of [[], [1, 2], [base()], 42, 'text', null, true]) {
      add(`a body that is not an object: ${show(body)}`, 'refused', { url, ...json(body) });
    }
    for (const path of objectsOf(schema)) {
      const unknown = [...path, 'zzUnknown'];
      add(
        `an unknown property ${dotted(unknown)}`,
        'refused',
        { url, ...json(withField(base(), unknown, 'x')) },
        { status: [400], fieldNamed: dotted(unknown) },
      );
    }
    for (const field of fieldsOf(schema)) {
      const name = dotted(field.path);
      if (field.required) {
        add(`${name} missing`, field.schema.default === undefined ? 'refused' : 'survives', {
          url,
          ...json(withField(base(), field.path, REMOVE)),
        });
      }
      const strings = takesStrings(field.schema) ? [HUGE, ...CONTROL_STRINGS] : [];
      for (const value of [...OTHER_TYPES, ...strings]) {
        const expectation = expectationFor(field.schema, value);
        const note = expectation === 'survives' ? ' (the schema may accept it)' : '';
        add(`${name} = ${show(value)}${note}`, expectation, { url, ...json(withField(base(), field.path, value)) });
      }
    }
  }

  if (MULTIPART.has(op.route)) cases.push(...multipartCases(url, op.route));
  return cases;
}

/** What a value looks like once sent as JSON (undefined drops out, NaN becomes null). */
const overTheWire = (value: unknown): unknown => (JSON.parse(JSON.stringify({ value })) as { value?: unknown }).value;

/** Body fields fast-check mistypes: those whose schema constrains the type. */
function propertyFieldsOf(op: ApiOperation): { field: Field; schema: Schema; url: string }[] {
  const schema = op.operation.requestBody?.content['application/json']?.schema;
  if (!schema) return [];
  const params = (op.operation.parameters ?? []).filter((p) => p.in === 'path');
  const url = urlOf(op.path, Object.fromEntries(params.map((p) => [p.name, pathValueFor(p.schema)])), {});
  return fieldsOf(schema)
    .filter((field) => constrainsType(field.schema))
    .map((field) => ({ field, schema, url }));
}

const casesByOperation = operations.map((op) => ({ op, cases: casesOf(op), properties: propertyFieldsOf(op) }));

describe('the malformed cases', () => {
  it('cover every operation of the document, in a bounded number of requests', () => {
    expect(casesByOperation.filter(({ cases }) => cases.length === 0).map(({ op }) => op.route)).toEqual([]);
    const requests = casesByOperation.reduce(
      (sum, { cases, properties }) => sum + cases.length + properties.length * FAST_CHECK_RUNS,
      0,
    );
    expect(requests).toBeLessThan(5000);
  });

  it('name upload routes that the document has', () => {
    const routes = operations.map((op) => op.route);
    expect([...MULTIPART].filter((route) => !routes.includes(route))).toEqual([]);
  });
});

for (const { op, cases, properties } of casesByOperation) {
  describe(op.route, () => {
    for (const malformed of cases) {
      it(`${malformed.name}: ${malformed.expect === 'refused' ? 'refused with a 4xx' : 'no 5xx'}`, async () => {
        const label = `${op.route} — ${malformed.name}\n  sent: ${describeProbe(op.method, malformed.probe)}`;
        const response = await send(label, op.method, malformed.probe, credentialsFor(op.access));
        expectAnswer(label, response, malformed);
      });
    }

    for (const { field, schema, url } of properties) {
      const name = dotted(field.path);
      it(`${name} of another type (fast-check, seed ${FAST_CHECK_SEED}): refused with a 4xx`, async () => {
        const wrong = fc
          .anything()
          .map(overTheWire)
          .filter((value) => value !== undefined && surelyInvalid(field.schema, value));
        await fc.assert(
          fc.asyncProperty(wrong, async (value) => {
            const probe = { url, ...json(withField(example(schema), field.path, value)) };
            const label = `${op.route} — ${name} = ${show(value)}\n  sent: ${describeProbe(op.method, probe)}`;
            const response = await send(label, op.method, probe, credentialsFor(op.access));
            expectAnswer(label, response, { name, expect: 'refused' });
          }),
          // Stop at the first failure: shrinking would send an unbounded number of requests.
          { seed: FAST_CHECK_SEED, numRuns: FAST_CHECK_RUNS, endOnFailure: true },
        );
      });
    }
  });
}

// The signed links to private documents are opened by people, and carry the download name in
// the query: whatever is done to it, the link answers without failing.
describe('GET /files/private/<key>?expires&signature&name', () => {
  let link: URL;
  beforeAll(async () => {
    const preview = await owner.post('/api/branding/estimate-preview');
    expect(preview.statusCode).toBe(200);
    link = new URL(preview.json().url);
  });

  const signed = (query: (expires: string, signature: string) => string) => {
    const expires = link.searchParams.get('expires') ?? '';
    const signature = encodeURIComponent(link.searchParams.get('signature') ?? '');
    return `${link.pathname}?${query(expires, signature)}`;
  };
  const name = (value: string) => (e: string, s: string) => `expires=${e}&signature=${s}&name=${value}`;

  it.each<[string, (expires: string, signature: string) => string]>([
    ['name with CR/LF', name(encodeURIComponent('a\r\nb.pdf'))],
    ['name injecting a header', name(encodeURIComponent('\r\nSet-Cookie: x=1'))],
    ['name with a NUL character', name(encodeURIComponent('\u0000.pdf'))],
    ['name repeated', (e, s) => `expires=${e}&signature=${s}&name=a.pdf&name=b.pdf`],
    ['name with broken percent-escapes', name('%E0%A4%A')],
    ['name with an encoded lone surrogate', name('%ED%A0%80')],
    ['a 200 000-character name', name(HUGE)],
    ['expires not a number', (_e, s) => `expires=abc&signature=${s}`],
    ['expires repeated', (e, s) => `expires=${e}&expires=${e}&signature=${s}`],
    ['signature repeated', (e, s) => `expires=${e}&signature=${s}&signature=${s}`],
  ])('%s: answered without a 5xx, and no header injected', async (what, query) => {
    const url = signed(query);
    const label = `GET /files/private/* — ${what}\n  sent: GET ${url.slice(0, 300)}`;
    const response = await send(label, 'GET', { url }, { accept: 'application/json' });
    const seen = `${label}\n  → ${response.statusCode} ${response.headers['content-type'] ?? ''} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, seen).toBeLessThan(500);
    expect(String(response.headers['set-cookie'] ?? ''), seen).not.toContain('x=1');
    expect(String(response.headers['content-disposition'] ?? ''), seen).not.toMatch(/[\r\n\0]/);
    if (response.statusCode >= 400) {
      expect(response.json(), seen).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });
});

// The frame is loaded by customers' pages with the key from their embed code, as typed.
describe('GET /widget/frame?key=', () => {
  it.each([
    ['a key with CR/LF', `key=${encodeURIComponent('a\r\nb')}`],
    ['a key with a NUL character', 'key=%00'],
    ['a key repeated', 'key=a&key=b'],
    ['a key with broken percent-escapes', 'key=%E0%A4%A'],
    ['a 200 000-character key', `key=${HUGE}`],
    ['markup in the key', `key=${encodeURIComponent('"><script>alert(1)</script>')}`],
    ['an empty key', 'key='],
  ])('%s: answered without a 5xx', async (what, query) => {
    const url = `/widget/frame?${query}`;
    const label = `GET /widget/frame — ${what}\n  sent: GET ${url.slice(0, 300)}`;
    const response = await send(label, 'GET', { url });
    expect(response.statusCode, `${label}\n  → ${response.statusCode} ${response.body.slice(0, 300)}`).toBeLessThan(
      500,
    );
  });
});
