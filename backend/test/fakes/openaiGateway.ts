// A loopback stand-in for an OpenAI-compatible gateway (RouterAI): POST /chat/completions with the
// documented streaming protocol — `data:` lines of chat.completion.chunk objects, a usage chunk when
// `stream_options.include_usage` is set, then `data: [DONE]`. Each model name can be told to
// misbehave: answer slowly, fail with 500, stream garbage, or cut the connection mid-answer.
// Also POST /embeddings in OpenAI's documented shape, with its input limits and error bodies:
// deterministic vectors per text, float or base64 (little-endian float32), and failures on demand.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Behaviour =
  | { kind: 'ok'; text?: string; firstTokenMs?: number; tokenMs?: number }
  | { kind: 'fail'; status?: number }
  | { kind: 'malformed' }
  | { kind: 'cut' }
  | { kind: 'hang' };

export interface RecordedRequest {
  authorization: string | undefined;
  body: {
    model: string;
    stream?: boolean;
    stream_options?: { include_usage?: boolean };
    messages: { role: string; content: string }[];
  };
}

/** How a model answers POST /embeddings; every field is optional. */
export interface EmbeddingBehaviour {
  /** Numbers per vector, unless the request asks for `dimensions`; DEFAULT_EMBEDDING_DIMENSIONS otherwise. */
  dimensions?: number;
  /** Answer in this form whatever `encoding_format` asked, like a gateway that ignores the field. */
  encoding?: 'float' | 'base64';
  /** Vectors not of length 1, as some non-OpenAI models answer (OpenAI's own are normalised). */
  unnormalised?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** List `data` last input first: OpenAI gives each vector its `index` and promises no order. */
  reversed?: boolean;
}

/** A failure the next embedding calls answer with, in OpenAI's error shape. */
export interface EmbeddingFailure {
  status: number;
  /** The Retry-After header, in seconds or as an HTTP date. */
  retryAfter?: string;
  /** How many calls in a row fail; 1 unless set. */
  times?: number;
}

export interface RecordedEmbeddingRequest {
  authorization: string | undefined;
  body: { model: string; input: unknown; encoding_format?: string; dimensions?: number };
  /** The HTTP status the fake answered with; 0 while the answer is still being delayed. */
  status: number;
}

export interface FakeGateway {
  url: string;
  /** Chat completion requests. */
  requests: RecordedRequest[];
  /** How a model answers from now on; unknown models answer `ok`. */
  behave(model: string, behaviour: Behaviour): void;
  /** Every POST /embeddings received, as it arrives, failed ones included. */
  embeddingRequests: RecordedEmbeddingRequest[];
  /** How a model answers embedding requests from now on. */
  behaveEmbeddings(model: string, behaviour: EmbeddingBehaviour): void;
  /** The next embedding calls, whatever the model, fail as told (queued after earlier failures). */
  failEmbeddings(failure: EmbeddingFailure): void;
  close(): Promise<void>;
}

export const DEFAULT_REPLY = 'Капитальный ремонт двухкомнатной квартиры обычно занимает от двух до четырёх месяцев.';

// Decoded once at the end: a chunk boundary can split a multi-byte character of a long Cyrillic body.
const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_EMBEDDING_DIMENSIONS = 8;

/** OpenAI's documented limits: inputs per request, tokens per input, tokens summed over a request. */
export const EMBEDDING_LIMITS = { inputs: 2048, tokensPerInput: 8192, tokensPerRequest: 300_000 } as const;

/** The fake's token count of one input: a quarter of its characters, rounded up (no real tokenizer). */
export const fakeTokenCount = (text: string) => Math.ceil(text.length / 4);

/**
 * The unit vector the fake answers for `text`: float32 values drawn from SHA-256 of the text and a
 * block counter, so the same text always gets the same vector and different texts different ones.
 */
export function fakeEmbedding(text: string, dimensions: number): Float32Array {
  const raw = new Float32Array(dimensions);
  for (let block = 0; block * 8 < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i < 8 && block * 8 + i < dimensions; i++) {
      raw[block * 8 + i] = digest.readUInt32LE(i * 4) / 0x8000_0000 - 1;
    }
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => value / norm);
}

/** OpenAI's base64 form: the float32 values little-endian, back to back. */
function toBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [i, value] of vector.entries()) bytes.writeFloatLE(value, i * 4);
  return bytes.toString('base64');
}

const openAiError = (message: string, type: string, code: string | null = null, param: string | null = null) =>
  JSON.stringify({ error: { message, type, param, code } });

// OpenAI answers an empty string and an over-long array alike, with this vague message.
const INVALID_INPUT =
  "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

/** Why OpenAI would refuse this input, or null when it is acceptable. */
function refuseInput(input: unknown): { message: string; type: string; code: string | null } | null {
  const invalid = { message: INVALID_INPUT, type: 'invalid_request_error', code: null };
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || texts.length > EMBEDDING_LIMITS.inputs) return invalid;
  if (texts.some((text) => typeof text !== 'string' || text === '')) return invalid;
  let total = 0;
  for (const text of texts as string[]) {
    const tokens = fakeTokenCount(text);
    if (tokens > EMBEDDING_LIMITS.tokensPerInput) {
      return {
        message: `This model's maximum context length is ${EMBEDDING_LIMITS.tokensPerInput} tokens, however you requested ${tokens} tokens (${tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
        type: 'invalid_request_error',
        code: null,
      };
    }
    total += tokens;
  }
  if (total > EMBEDDING_LIMITS.tokensPerRequest) {
    return {
      message: `Requested ${total} tokens, max ${EMBEDDING_LIMITS.tokensPerRequest} tokens per request`,
      type: 'max_tokens_per_request',
      code: 'max_tokens_per_request',
    };
  }
  return null;
}

const FAILURE_MESSAGES: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: INVALID_INPUT, type: 'invalid_request_error', code: null },
  429: {
    message: 'Rate limit reached for requests. Please try again later.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request.', type: 'server_error', code: null },
};

export async function startFakeGateway(): Promise<FakeGateway> {
  const behaviours = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const embeddingBehaviours = new Map<string, EmbeddingBehaviour>();
  const embeddingRequests: RecordedEmbeddingRequest[] = [];
  const failures: EmbeddingFailure[] = [];
  const open = new Set<import('node:net').Socket>();

  async function answerEmbeddings(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const record: RecordedEmbeddingRequest = {
      authorization: request.headers.authorization,
      body: { model: '', input: undefined },
      status: 0,
    };
    embeddingRequests.push(record);
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(payload);
    };
    try {
      record.body = JSON.parse(await readBody(request));
    } catch {
      send(400, openAiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
      return;
    }
    const { body } = record;

    const failure = failures[0];
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.shift();
      const known = FAILURE_MESSAGES[failure.status] ?? {
        message: 'upstream provider error',
        type: 'server_error',
        code: null,
      };
      // Worse than OpenAI, which masks all but the key's last characters: some proxies echo it whole.
      const message =
        failure.status === 401
          ? `Incorrect API key provided: ${record.authorization?.replace(/^Bearer /, '')}.`
          : known.message;
      send(
        failure.status,
        openAiError(message, failure.status === 401 ? 'invalid_request_error' : known.type, known.code),
        failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter },
      );
      return;
    }
    const refusal = refuseInput(body.input);
    if (refusal) {
      send(400, openAiError(refusal.message, refusal.type, refusal.code));
      return;
    }

    const behaviour = embeddingBehaviours.get(body.model) ?? {};
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    const texts = typeof body.input === 'string' ? [body.input] : (body.input as string[]);
    const dimensions = body.dimensions ?? behaviour.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
    const encoding = behaviour.encoding ?? (body.encoding_format === 'base64' ? 'base64' : 'float');
    const data = texts.map((text, index) => {
      const vector = fakeEmbedding(text, dimensions).map((value) => (behaviour.unnormalised ? value * 2.5 : value));
      return {
        object: 'embedding',
        index,
        embedding: encoding === 'base64' ? toBase64(vector) : Array.from(vector),
      };
    });
    if (behaviour.reversed) data.reverse();
    const tokens = texts.reduce((sum, text) => sum + fakeTokenCount(text), 0);
    send(
      200,
      JSON.stringify({
        object: 'list',
        data,
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      }),
    );
  }

  const server: Server = createServer(async (request, response) => {
    if (request.method === 'POST' && request.url?.endsWith('/embeddings')) {
      await answerEmbeddings(request, response);
      return;
    }
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(await readBody(request)) as RecordedRequest['body'];
    requests.push({ authorization: request.headers.authorization, body });
    const behaviour = behaviours.get(body.model) ?? { kind: 'ok' };

    if (behaviour.kind === 'fail') {
      response
        .writeHead(behaviour.status ?? 500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'upstream provider error', type: 'server_error' } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`;

    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'malformed') {
      response.end(`${chunk({ role: 'assistant', content: '' })}data: {"choices": [{"delta": {"content": "обрыв\n\n`);
      return;
    }
    if (behaviour.kind === 'cut') {
      response.write(chunk({ role: 'assistant', content: 'Начинаю ' }));
      response.write(chunk({ content: 'ответ' }));
      await sleep(20);
      request.socket.destroy();
      return;
    }

    const text = behaviour.text ?? DEFAULT_REPLY;
    await sleep(behaviour.firstTokenMs ?? 0);
    response.write(chunk({ role: 'assistant', content: '' }));
    const pieces = text.match(/\S+\s*/g) ?? [text];
    for (const [index, piece] of pieces.entries()) {
      if (index > 0 && behaviour.tokenMs) await sleep(behaviour.tokenMs);
      response.write(chunk({ content: piece }));
    }
    response.write(chunk({}, 'stop'));
    if (body.stream_options?.include_usage) {
      const prompt = body.messages.reduce((sum, message) => sum + message.content.length, 0);
      response.write(
        `data: ${JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion.chunk',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [],
          usage: {
            prompt_tokens: Math.ceil(prompt / 4),
            completion_tokens: pieces.length,
            total_tokens: Math.ceil(prompt / 4) + pieces.length,
          },
        })}\n\n`,
      );
    }
    response.end('data: [DONE]\n\n');
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    behave: (model, behaviour) => behaviours.set(model, behaviour),
    embeddingRequests,
    behaveEmbeddings: (model, behaviour) => embeddingBehaviours.set(model, behaviour),
    failEmbeddings: (failure) => failures.push({ ...failure }),
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
