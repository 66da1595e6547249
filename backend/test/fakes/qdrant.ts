// A loopback stand-in for Qdrant's REST API (https://api.qdrant.tech), answering as a single-node
// Qdrant 1.18 does: `{ result, status: 'ok', time }` on success, `{ status: { error }, time }` with
// the status code of Qdrant's StorageError otherwise, 400 "Format error in JSON body: …" for a body
// that does not deserialize and 422 "Validation error in JSON body: [path: rule]" for one that fails
// validation (both with `time: 0`, as the extractor answers before any handler runs).
// With `apiKey` it checks the `api-key` header, or else `Authorization: Bearer`, on every path but
// the ones Qdrant leaves open (`/`, `/healthz`, `/readyz`, `/livez`), and refuses with Qdrant's
// plain-text 401s.
//
// It simulates collections with one unnamed dense vector (Cosine, Dot, Euclid, Manhattan), payload
// indexes (recorded in payload_schema), upsert (points or batch), delete by ids or by filter, and
// exact nearest-neighbour search through POST …/points/query and the older …/points/search, with
// filters of must / should / must_not / min_should over match value / any / except / text (a
// substring, as on a field without a full-text index), range, values_count, is_empty, is_null,
// has_id and nested filters. Scores are computed exactly, in
// doubles (Qdrant computes in f32, so the last digits differ). Cosine vectors are normalised on
// upsert, as Qdrant stores them. Every write is one operation: operation_id counts up from 0 per
// collection and a point's `version` is the operation that last wrote it. `?wait=true` answers
// `status: 'completed'`, anything else `'acknowledged'`; the work is done at once either way.
//
// Not simulated, answered with a 500 that says so: named, sparse and multi vectors, prefetch and
// the other query kinds (by id, recommend, fusion…), geo, datetime and `nested` conditions,
// ids above 2^53 - 1 (JSON.parse on Node 20 cannot read them exactly), and condition shapes it does
// not know (Qdrant would read one as an empty filter and match everything). Other routes (scroll,
// count, retrieve, snapshots, aliases…) answer 404 with an empty body, as unknown routes do in
// Qdrant. A JSON syntax error keeps Qdrant's prefix, but the description after it is V8's, not
// serde's; format errors carry no "at line … column …".
//
// The test reads what the store holds (collections(), points()), every request received
// (requests), and makes the next request fail with failNext().
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

export type Distance = 'Cosine' | 'Dot' | 'Euclid' | 'Manhattan';
/** An unsigned integer or a UUID, the only ids Qdrant accepts; UUIDs come back lowercase, hyphenated. */
export type PointId = number | string;
export type Payload = Record<string, unknown>;

export interface StoredPoint {
  id: PointId;
  /** As Qdrant stores it: normalised to length 1 in a Cosine collection. */
  vector: number[];
  payload: Payload;
  /** The operation that last wrote the point. */
  version: number;
}

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/collections/kb/points/query`. */
  path: string;
  query: Record<string, string>;
  /** The `api-key` header, when sent. */
  apiKey?: string;
  /** The `authorization` header, when sent. */
  authorization?: string;
  /** The body parsed as JSON; the raw text if it did not parse; undefined when empty. */
  body: unknown;
  /** The status the fake answered with; 0 while it has not answered yet. */
  status: number;
}

export interface FakeQdrant {
  /** Base URL like `http://localhost:6333`, for `new QdrantClient({ url })`. */
  url: string;
  /** Names of the collections that exist now, oldest first. */
  collections(): string[];
  /** The points of a collection, in the order they were first written. Throws if it does not exist. */
  points(collection: string): StoredPoint[];
  /** Every request received, the refused ones included, oldest first. */
  requests: RecordedRequest[];
  /**
   * The next request, after the key check and whatever its route (`GET /` aside: the client calls
   * it by itself when constructed), answers `status` instead. `body` is sent as JSON, or as plain
   * text when it is a string; without it the answer is Qdrant's error envelope with a message
   * fitting the status. A 429 carries `Retry-After: 1` unless `headers` say otherwise. Calls queue up.
   */
  failNext(status: number, body?: unknown, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const VERSION = '1.18.1';
const DISTANCES: readonly string[] = ['Cosine', 'Euclid', 'Dot', 'Manhattan'];
// VectorParams.size: NonZeroU64 validated to 1..=65536 (lib/segment/src/types.rs).
const MAX_VECTOR_SIZE = 65536;
const PAYLOAD_SCHEMA_TYPES: readonly string[] = [
  'keyword',
  'integer',
  'float',
  'geo',
  'text',
  'bool',
  'datetime',
  'uuid',
];
const HYPHENATED_UUID = '([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})';
// The forms uuid::Uuid::parse_str reads: simple, hyphenated, braced, URN.
const UUID_FORMS = [
  /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i,
  new RegExp(`^${HYPHENATED_UUID}$`, 'i'),
  new RegExp(`^\\{${HYPHENATED_UUID}\\}$`, 'i'),
  new RegExp(`^urn:uuid:${HYPHENATED_UUID}$`, 'i'),
];

/** An answer other than 200, in Qdrant's error envelope. `early` ones come from the body extractor. */
class QdrantError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly early = false,
  ) {
    super(message);
  }
}

const formatError = (description: string) => new QdrantError(400, `Format error in JSON body: ${description}`, true);
const badInput = (description: string) => new QdrantError(400, `Wrong input: ${description}`);
const notFound = (collection: string) => new QdrantError(404, `Not found: Collection \`${collection}\` doesn't exist!`);
const notSimulated = (what: string) => new QdrantError(500, `fake Qdrant does not simulate ${what}`, true);

/**
 * Qdrant validates a body once it has deserialized all of it, and lists every failed rule: the
 * parsers below note them here, and the route throws them after parsing.
 */
class Validation {
  private readonly failures: string[] = [];

  add(path: string, rule: string) {
    this.failures.push(`${path}: ${rule}`);
  }

  check() {
    if (this.failures.length > 0) {
      throw new QdrantError(422, `Validation error in JSON body: [${this.failures.join('; ')}]`, true);
    }
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How serde names a JSON value in "invalid type" errors. */
function serdeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'sequence';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `boolean \`${value}\``;
  if (typeof value === 'number')
    return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
  return 'map';
}

function requireObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw formatError(`invalid type: ${serdeKind(value)}, expected ${what}`);
  return value;
}

function optionalCount(body: Json, field: string, fallback: number): number {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw formatError(`invalid ${typeof value === 'number' ? 'value' : 'type'}: ${serdeKind(value)}, expected usize`);
  }
  return value;
}

// ----- ids, vectors, payloads -----

function parsePointId(value: unknown): PointId {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    if (!Number.isSafeInteger(value)) throw notSimulated('point ids above 2^53 - 1');
    return value;
  }
  if (typeof value === 'string') {
    for (const form of UUID_FORMS) {
      const parts = form.exec(value);
      if (parts) return parts.slice(1).join('-').toLowerCase();
    }
  }
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  throw formatError(`value ${shown} is not a valid point ID, valid values are either an unsigned integer or a UUID`);
}

const idKey = (id: PointId) => (typeof id === 'number' ? `n${id}` : `u${id}`);

/** A dense vector as sent: a plain array, or `{ "": [...] }`, the unnamed vector by its name. */
function parseVector(value: unknown, path: string, validation: Validation): number[] {
  let vector = value;
  if (isObject(value)) {
    const names = Object.keys(value);
    const other = names.find((name) => name !== '');
    if (other !== undefined) throw badInput(`Not existing vector name error: ${other}`);
    vector = value[''];
  }
  if (!Array.isArray(vector)) throw formatError(`invalid type: ${serdeKind(vector)}, expected a dense vector`);
  for (const element of vector) {
    if (typeof element !== 'number') throw formatError(`invalid type: ${serdeKind(element)}, expected f32`);
  }
  if (vector.length === 0) validation.add(path, 'dense vector must not be empty');
  return vector as number[];
}

function parsePayload(value: unknown): Payload {
  if (value === undefined || value === null) return {};
  return requireObject(value, 'a payload object');
}

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

function normalised(vector: number[]): number[] {
  const length = Math.sqrt(dot(vector, vector));
  // Qdrant leaves a (near) zero vector as it is; it then scores 0 against everything.
  return length < Number.EPSILON ? [...vector] : vector.map((x) => x / length);
}

function score(distance: Distance, query: number[], stored: number[]): number {
  switch (distance) {
    case 'Cosine':
      return dot(normalised(query), stored);
    case 'Dot':
      return dot(query, stored);
    case 'Euclid':
      return Math.sqrt(query.reduce((sum, x, i) => sum + (x - (stored[i] ?? 0)) ** 2, 0));
    default:
      return query.reduce((sum, x, i) => sum + Math.abs(x - (stored[i] ?? 0)), 0);
  }
}

const largerIsBetter = (distance: Distance) => distance === 'Cosine' || distance === 'Dot';

// ----- filters -----

type Predicate = (point: StoredPoint) => boolean;

/** The values at a payload key like `city`, `address.city` or `tags[]`, arrays flattened. */
function valuesAt(payload: Payload, key: string, flattenLast = true): unknown[] {
  let current: unknown[] = [payload];
  const parts = key.split('.');
  parts.forEach((part, index) => {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current) if (isObject(value) && name in value) next.push(value[name]);
    const last = index === parts.length - 1;
    current = last && !flattenLast ? next : next.flatMap((value) => (Array.isArray(value) ? value : [value]));
  });
  return current;
}

const listOf = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

function compileFilter(raw: unknown): Predicate {
  if (raw === undefined || raw === null) return () => true;
  const filter = requireObject(raw, 'struct Filter');
  const must = listOf(filter.must).map(compileCondition);
  const should = listOf(filter.should).map(compileCondition);
  const mustNot = listOf(filter.must_not).map(compileCondition);
  let minShould: { conditions: Predicate[]; minCount: number } | undefined;
  if (filter.min_should !== undefined && filter.min_should !== null) {
    const spec = requireObject(filter.min_should, 'struct MinShould');
    minShould = {
      conditions: listOf(spec.conditions).map(compileCondition),
      minCount: optionalCount(spec, 'min_count', 0),
    };
  }
  return (point) =>
    must.every((condition) => condition(point)) &&
    (should.length === 0 || should.some((condition) => condition(point))) &&
    !mustNot.some((condition) => condition(point)) &&
    (!minShould || minShould.conditions.filter((condition) => condition(point)).length >= minShould.minCount);
}

const FILTER_KEYS = ['must', 'should', 'must_not', 'min_should'];

function compileCondition(raw: unknown): Predicate {
  const condition = requireObject(raw, 'a filter condition');
  if (typeof condition.key === 'string') return compileFieldCondition(condition.key, condition);
  if ('has_id' in condition) {
    const ids = new Set(listOf(condition.has_id).map((id) => idKey(parsePointId(id))));
    return (point) => ids.has(idKey(point.id));
  }
  if (isObject(condition.is_empty) && typeof condition.is_empty.key === 'string') {
    const key = condition.is_empty.key;
    return (point) => valuesAt(point.payload, key).every((value) => value === null);
  }
  if (isObject(condition.is_null) && typeof condition.is_null.key === 'string') {
    const key = condition.is_null.key;
    return (point) => valuesAt(point.payload, key, false).some((value) => value === null);
  }
  if (Object.keys(condition).some((key) => FILTER_KEYS.includes(key))) return compileFilter(condition);
  throw notSimulated(`the condition ${JSON.stringify(condition)}`);
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function compileFieldCondition(key: string, condition: Json): Predicate {
  const checks: ((values: unknown[]) => boolean)[] = [];
  if (condition.match !== undefined) {
    const match = requireObject(condition.match, 'enum Match');
    if ('value' in match) {
      const expected = match.value;
      if (!isScalar(expected)) throw formatError('data did not match any variant of untagged enum ValueVariants');
      checks.push((values) => values.includes(expected));
    } else if ('any' in match) {
      const allowed = listOf(match.any);
      checks.push((values) => values.some((value) => allowed.includes(value)));
    } else if ('except' in match) {
      const excluded = listOf(match.except);
      checks.push((values) => values.some((value) => isScalar(value) && !excluded.includes(value)));
    } else if (typeof match.text === 'string') {
      // Without a full-text index Qdrant matches a substring.
      const text = match.text;
      checks.push((values) => values.some((value) => typeof value === 'string' && value.includes(text)));
    } else {
      throw notSimulated(`the match ${JSON.stringify(match)}`);
    }
  }
  if (condition.range !== undefined && condition.range !== null) {
    const range = requireObject(condition.range, 'struct Range');
    const bounds = ['gt', 'gte', 'lt', 'lte'].map((name) => range[name]);
    if (bounds.some((bound) => bound !== undefined && bound !== null && typeof bound !== 'number')) {
      throw notSimulated('datetime ranges');
    }
    const [gt, gte, lt, lte] = bounds as (number | null | undefined)[];
    const inRange = (value: number) =>
      (gt == null || value > gt) &&
      (gte == null || value >= gte) &&
      (lt == null || value < lt) &&
      (lte == null || value <= lte);
    checks.push((values) => values.some((value) => typeof value === 'number' && inRange(value)));
  }
  if (condition.values_count !== undefined && condition.values_count !== null) {
    const count = requireObject(condition.values_count, 'struct ValuesCount');
    const { gt, gte, lt, lte } = count as Record<string, number | null | undefined>;
    checks.push((values) => {
      const n = values.filter((value) => value !== null).length;
      return (gt == null || n > gt) && (gte == null || n >= gte) && (lt == null || n < lt) && (lte == null || n <= lte);
    });
  }
  for (const geo of ['geo_bounding_box', 'geo_radius', 'geo_polygon']) {
    if (condition[geo] !== undefined && condition[geo] !== null) throw notSimulated('geo conditions');
  }
  if (checks.length === 0) throw notSimulated(`the field condition ${JSON.stringify(condition)}`);
  return (point) => {
    const values = valuesAt(point.payload, key);
    return checks.every((check) => check(values));
  };
}

// ----- what is returned with a point -----

type PayloadSelector = (payload: Payload) => Payload | undefined;

function compilePayloadSelector(raw: unknown): PayloadSelector {
  if (raw === undefined || raw === null || raw === false) return () => undefined;
  if (raw === true) return (payload) => payload;
  const pick = (keys: unknown[], keep: boolean) => (payload: Payload) =>
    Object.fromEntries(Object.entries(payload).filter(([key]) => keys.includes(key) === keep));
  if (Array.isArray(raw)) return pick(raw, true);
  if (isObject(raw) && Array.isArray(raw.include)) return pick(raw.include, true);
  if (isObject(raw) && Array.isArray(raw.exclude)) return pick(raw.exclude, false);
  throw formatError('data did not match any variant of untagged enum WithPayloadInterface');
}

function parseWithVector(raw: unknown): boolean {
  if (raw === undefined || raw === null || typeof raw === 'boolean') return raw === true;
  throw notSimulated('with_vector selecting named vectors');
}

// ----- collections -----

interface PayloadIndex {
  data_type: string;
  params?: Json;
}

interface CollectionState {
  size: number;
  distance: Distance;
  /** `config` of GET /collections/{name}, minus params.vectors. */
  config: Json;
  points: Map<string, StoredPoint>;
  payloadSchema: Map<string, PayloadIndex>;
  nextOperationId: number;
}

/** The defaults a single-node Qdrant 1.18 reports for a new collection. */
function defaultConfig(body: Json): Json {
  const diff = (name: string) => (isObject(body[name]) ? (body[name] as Json) : {});
  return {
    params: {
      shard_number: body.shard_number ?? 1,
      replication_factor: body.replication_factor ?? 1,
      write_consistency_factor: body.write_consistency_factor ?? 1,
      on_disk_payload: body.on_disk_payload ?? true,
    },
    hnsw_config: {
      m: 16,
      ef_construct: 100,
      full_scan_threshold: 10000,
      max_indexing_threads: 0,
      on_disk: false,
      ...diff('hnsw_config'),
    },
    optimizer_config: {
      deleted_threshold: 0.2,
      vacuum_min_vector_number: 1000,
      default_segment_number: 0,
      max_segment_size: null,
      memmap_threshold: null,
      indexing_threshold: 10000,
      flush_interval_sec: 5,
      max_optimization_threads: null,
      ...diff('optimizers_config'),
    },
    wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0, wal_retain_closed: 1, ...diff('wal_config') },
    quantization_config: body.quantization_config ?? null,
    strict_mode_config: { enabled: false },
  };
}

function parseCreateCollection(body: Json, validation: Validation): { size: number; distance: Distance } {
  const vectors = body.vectors;
  if (vectors === undefined || vectors === null) throw notSimulated('collections without a dense vector');
  const params = requireObject(vectors, 'enum VectorsConfig');
  if (!('size' in params) && !('distance' in params)) throw notSimulated('named vectors');
  const { size, distance } = params;
  const sizeOk = typeof size === 'number' && Number.isSafeInteger(size) && size > 0;
  if (!sizeOk || typeof distance !== 'string' || !DISTANCES.includes(distance)) {
    throw formatError('data did not match any variant of untagged enum VectorsConfig');
  }
  if (body.sparse_vectors !== undefined && body.sparse_vectors !== null) throw notSimulated('sparse vectors');
  if (size > MAX_VECTOR_SIZE)
    validation.add('vectors.size', `value ${size} invalid, must be from 1 to ${MAX_VECTOR_SIZE}`);
  return { size, distance: distance as Distance };
}

function parseFieldSchema(raw: unknown): PayloadIndex {
  if (typeof raw === 'string' && PAYLOAD_SCHEMA_TYPES.includes(raw)) return { data_type: raw };
  if (isObject(raw) && typeof raw.type === 'string' && PAYLOAD_SCHEMA_TYPES.includes(raw.type)) {
    return { data_type: raw.type, params: raw };
  }
  if (raw === undefined || raw === null) throw notSimulated('a payload index without field_schema');
  throw formatError('data did not match any variant of untagged enum PayloadFieldSchema');
}

interface Search {
  vector: number[];
  filter: Predicate;
  limit: number;
  offset: number;
  scoreThreshold: number | undefined;
  payload: PayloadSelector;
  withVector: boolean;
}

function parseSearchOptions(
  body: Json,
  vector: number[],
  defaultLimit: number | undefined,
  validation: Validation,
): Search {
  if (body.limit === undefined && defaultLimit === undefined) throw formatError('missing field `limit`');
  const limit = optionalCount(body, 'limit', defaultLimit ?? 0);
  if (limit < 1) validation.add('limit', `value ${limit} invalid, must be 1 or larger`);
  const threshold = body.score_threshold;
  if (threshold !== undefined && threshold !== null && typeof threshold !== 'number') {
    throw formatError(`invalid type: ${serdeKind(threshold)}, expected f32`);
  }
  return {
    vector,
    filter: compileFilter(body.filter),
    limit,
    offset: optionalCount(body, 'offset', 0),
    scoreThreshold: threshold ?? undefined,
    payload: compilePayloadSelector(body.with_payload),
    withVector: parseWithVector(body.with_vector),
  };
}

function parseQuery(body: Json, validation: Validation): Search {
  for (const field of ['prefetch', 'lookup_from', 'shard_key']) {
    if (body[field] !== undefined && body[field] !== null) throw notSimulated(`query ${field}`);
  }
  if (body.using !== undefined && body.using !== null && body.using !== '') throw notSimulated('named vectors');
  let query: unknown = body.query;
  if (isObject(query) && 'nearest' in query) query = query.nearest;
  if (!Array.isArray(query)) throw notSimulated(`the query ${JSON.stringify(body.query ?? null)}`);
  return parseSearchOptions(body, parseVector(query, 'query', validation), 10, validation);
}

function parseLegacySearch(body: Json, validation: Validation): Search {
  if (body.vector === undefined) throw formatError('missing field `vector`');
  let vector: unknown = body.vector;
  // NamedVectorStruct: [..] or { name, vector }.
  if (isObject(vector) && 'name' in vector) {
    if (vector.name !== '') throw badInput(`Not existing vector name error: ${String(vector.name)}`);
    vector = vector.vector;
  }
  return parseSearchOptions(body, parseVector(vector, 'vector', validation), undefined, validation);
}

interface Upsert {
  id: PointId;
  vector: number[];
  payload: Payload;
}

function parseUpsert(body: Json, validation: Validation): Upsert[] {
  if (Array.isArray(body.points)) {
    return body.points.map((raw, index) => {
      const point = requireObject(raw, 'struct PointStruct');
      if (point.id === undefined) throw formatError('missing field `id`');
      if (point.vector === undefined) throw formatError('missing field `vector`');
      return {
        id: parsePointId(point.id),
        vector: parseVector(point.vector, `points[${index}].vector`, validation),
        payload: parsePayload(point.payload),
      };
    });
  }
  if (isObject(body.batch)) {
    const { ids, vectors, payloads } = body.batch;
    if (!Array.isArray(ids)) throw formatError('missing field `ids`');
    if (!Array.isArray(vectors)) throw notSimulated('batches of named vectors');
    if (vectors.length !== ids.length || (Array.isArray(payloads) && payloads.length !== ids.length)) {
      throw badInput('number of ids and vectors must be equal');
    }
    return ids.map((id, index) => ({
      id: parsePointId(id),
      vector: parseVector(vectors[index], `batch.vectors[${index}]`, validation),
      payload: parsePayload(Array.isArray(payloads) ? payloads[index] : undefined),
    }));
  }
  throw formatError('data did not match any variant of untagged enum PointInsertOperations');
}

function parsePointsSelector(body: Json): Predicate {
  if (Array.isArray(body.points)) {
    const ids = new Set(body.points.map((id) => idKey(parsePointId(id))));
    return (point) => ids.has(idKey(point.id));
  }
  if (isObject(body.filter)) return compileFilter(body.filter);
  throw formatError('data did not match any variant of untagged enum PointsSelector');
}

// ----- HTTP -----

const readBody = async (request: IncomingMessage) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
};

function parseJson(text: string): Json {
  // serde_json's own words for an empty body.
  if (text.trim() === '') throw formatError('EOF while parsing a value at line 1 column 0');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw formatError((error as Error).message);
  }
  return requireObject(parsed, 'a JSON object');
}

// The api-key whitelist of src/actix/mod.rs, and what the Kubernetes probes answer.
const OPEN_PATHS = [/^\/$/, /^\/healthz$/, /^\/readyz/, /^\/livez/];
const PROBES: Record<string, string> = {
  '/healthz': 'healthz check passed',
  '/livez': 'healthz check passed',
  '/readyz': 'all shards are ready',
};

const FAILURE_MESSAGES: Record<number, string> = {
  400: 'Bad request: failure injected by the test',
  403: 'Forbidden: failure injected by the test',
  404: 'Not found: failure injected by the test',
  408: 'Timeout: failure injected by the test',
  429: 'Rate limiting exceeded: failure injected by the test',
  500: 'Service internal error: failure injected by the test',
  503: 'Shard temporarily unavailable: failure injected by the test',
};

export async function startFakeQdrant(options: { apiKey?: string } = {}): Promise<FakeQdrant> {
  const collections = new Map<string, CollectionState>();
  const requests: RecordedRequest[] = [];
  const failures: { status: number; body?: unknown; headers?: Record<string, string> }[] = [];
  const sockets = new Set<Socket>();

  const collectionOf = (name: string) => {
    const state = collections.get(name);
    if (!state) throw notFound(name);
    return state;
  };

  /** One write: its operation id, and the UpdateResult Qdrant answers with. */
  const operation = (state: CollectionState, wait: boolean) => {
    const operationId = state.nextOperationId++;
    return { operationId, result: { operation_id: operationId, status: wait ? 'completed' : 'acknowledged' } };
  };

  function search(state: CollectionState, request: Search) {
    if (request.vector.length !== state.size) {
      throw badInput(`Vector dimension error: expected dim: ${state.size}, got ${request.vector.length}`);
    }
    const better = largerIsBetter(state.distance);
    const threshold = request.scoreThreshold;
    return [...state.points.values()]
      .filter(request.filter)
      .map((point) => ({ point, score: score(state.distance, request.vector, point.vector) }))
      .filter(({ score }) => threshold === undefined || (better ? score > threshold : score < threshold))
      .sort((a, b) => (better ? b.score - a.score : a.score - b.score) || compareIds(a.point.id, b.point.id))
      .slice(request.offset, request.offset + request.limit)
      .map(({ point, score }) => {
        const payload = request.payload(point.payload);
        return {
          id: point.id,
          version: point.version,
          score,
          ...(payload ? { payload } : {}),
          ...(request.withVector ? { vector: point.vector } : {}),
        };
      });
  }

  function collectionInfo(state: CollectionState) {
    const points = [...state.points.values()];
    const payloadSchema = Object.fromEntries(
      [...state.payloadSchema].map(([field, index]) => [
        field,
        {
          ...index,
          points: points.filter((point) => valuesAt(point.payload, field).some((value) => value !== null)).length,
        },
      ]),
    );
    const config = state.config as { params: Json };
    return {
      status: 'green',
      optimizer_status: 'ok',
      indexed_vectors_count: 0,
      points_count: points.length,
      segments_count: 1,
      config: { ...config, params: { vectors: { size: state.size, distance: state.distance }, ...config.params } },
      payload_schema: payloadSchema,
    };
  }

  /** Routes a request; returns the `result`, or throws a QdrantError. `null` means no such route. */
  async function route(
    method: string,
    path: string,
    query: URLSearchParams,
    text: string,
  ): Promise<{ result: unknown } | null> {
    const wait = query.get('wait') === 'true';
    /** The body through `parse`, its validation failures thrown once it is all read, as actix-web-validator does. */
    const body = <T>(parse: (body: Json, validation: Validation) => T): T => {
      const validation = new Validation();
      const parsed = parse(parseJson(text), validation);
      validation.check();
      return parsed;
    };
    if (path === '/collections' && method === 'GET') {
      return { result: { collections: [...collections.keys()].map((name) => ({ name })) } };
    }
    const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) return null;
    const name = decodeURIComponent(match[1] ?? '');
    const rest = `${method} ${match[2] ?? ''}`;
    switch (rest) {
      case 'GET /exists':
        return { result: { exists: collections.has(name) } };
      case 'GET ':
        return { result: collectionInfo(collectionOf(name)) };
      case 'PUT ': {
        const request = body((json, validation) => ({ json, vectors: parseCreateCollection(json, validation) }));
        if (collections.has(name)) throw new QdrantError(409, `Wrong input: Collection \`${name}\` already exists!`);
        collections.set(name, {
          ...request.vectors,
          config: defaultConfig(request.json),
          points: new Map(),
          payloadSchema: new Map(),
          nextOperationId: 0,
        });
        return { result: true };
      }
      case 'DELETE ':
        return { result: collections.delete(name) };
      case 'PUT /index': {
        const { field, index } = body((json) => {
          if (typeof json.field_name !== 'string') throw formatError('missing field `field_name`');
          return { field: json.field_name, index: parseFieldSchema(json.field_schema) };
        });
        const state = collectionOf(name);
        state.payloadSchema.set(field, index);
        return { result: operation(state, wait).result };
      }
      case 'PUT /points': {
        const upserts = body(parseUpsert);
        const state = collectionOf(name);
        // Qdrant checks every vector before it writes any.
        for (const point of upserts) {
          if (point.vector.length !== state.size) {
            throw badInput(`Vector dimension error: expected dim: ${state.size}, got ${point.vector.length}`);
          }
        }
        const { operationId, result } = operation(state, wait);
        for (const point of upserts) {
          state.points.set(idKey(point.id), {
            id: point.id,
            vector: state.distance === 'Cosine' ? normalised(point.vector) : [...point.vector],
            payload: structuredClone(point.payload),
            version: operationId,
          });
        }
        return { result };
      }
      case 'POST /points/query': {
        const request = body(parseQuery);
        return { result: { points: search(collectionOf(name), request) } };
      }
      case 'POST /points/search': {
        const request = body(parseLegacySearch);
        return { result: search(collectionOf(name), request) };
      }
      case 'POST /points/delete': {
        const selected = body(parsePointsSelector);
        const state = collectionOf(name);
        for (const [key, point] of state.points) if (selected(point)) state.points.delete(key);
        return { result: operation(state, wait).result };
      }
      default: {
        const dropIndex = /^DELETE \/index\/([^/]+)$/.exec(rest);
        if (!dropIndex) return null;
        const state = collectionOf(name);
        state.payloadSchema.delete(decodeURIComponent(dropIndex[1] ?? ''));
        return { result: operation(state, wait).result };
      }
    }
  }

  /** Qdrant's key check (src/common/auth/mod.rs): `api-key` first, then `Authorization: Bearer …`. */
  function refusal(request: IncomingMessage, path: string): string | undefined {
    if (options.apiKey === undefined || OPEN_PATHS.some((open) => open.test(path))) return undefined;
    const header = request.headers['api-key'];
    const bearer = request.headers.authorization?.startsWith('Bearer ')
      ? request.headers.authorization.slice('Bearer '.length)
      : undefined;
    const key = typeof header === 'string' ? header : bearer;
    if (key === undefined) return 'Must provide an API key or an Authorization bearer token';
    return key === options.apiKey ? undefined : 'Invalid API key or JWT';
  }

  const server: Server = createServer(async (request, response) => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(typeof request.headers['api-key'] === 'string' ? { apiKey: request.headers['api-key'] } : {}),
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      body: parseRecorded(text),
      status: 0,
    };
    requests.push(record);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      record.status = status;
      if (response.writableEnded || response.destroyed) return;
      response.writeHead(status, headers).end(body);
    };
    const sendJson = (status: number, body: unknown) =>
      send(status, JSON.stringify(body), { 'content-type': 'application/json' });
    const seconds = () => (performance.now() - started) / 1000;

    const refused = refusal(request, url.pathname);
    if (refused) return send(401, refused, { 'content-type': 'text/plain; charset=utf-8' });

    if (url.pathname === '/' && method === 'GET') {
      return sendJson(200, { title: 'qdrant - vector search engine', version: VERSION, commit: 'fake' });
    }
    const probe = PROBES[url.pathname];
    if (probe && method === 'GET') return send(200, probe, { 'content-type': 'text/plain; charset=utf-8' });
    const failure = failures.shift();
    if (failure) {
      const headers = { ...(failure.status === 429 ? { 'retry-after': '1' } : {}), ...failure.headers };
      if (typeof failure.body === 'string') {
        return send(failure.status, failure.body, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      }
      const body = failure.body ?? {
        status: { error: FAILURE_MESSAGES[failure.status] ?? 'failure injected by the test' },
        time: seconds(),
      };
      return send(failure.status, JSON.stringify(body), { ...headers, 'content-type': 'application/json' });
    }

    try {
      const answer = await route(method, url.pathname, url.searchParams, text);
      // An unknown route: actix's default service, 404 and nothing else.
      if (!answer) return send(404, '');
      sendJson(200, { result: answer.result, status: 'ok', time: seconds() });
    } catch (error) {
      if (error instanceof QdrantError) {
        sendJson(error.status, { status: { error: error.message }, time: error.early ? 0 : seconds() });
      } else {
        sendJson(500, { status: { error: `fake Qdrant: ${String(error)}` }, time: seconds() });
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    collections: () => [...collections.keys()],
    points(collection) {
      const state = collections.get(collection);
      if (!state) throw new Error(`the fake Qdrant has no collection ${collection}`);
      return [...state.points.values()].map((point) => structuredClone(point));
    },
    requests,
    failNext(status, body, headers) {
      failures.push({ status, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseRecorded(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function compareIds(a: PointId, b: PointId): number {
  // Qdrant leaves the order of equal scores open; the fake goes by id, integers first.
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
