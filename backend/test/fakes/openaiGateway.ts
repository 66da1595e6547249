// A loopback stand-in for an OpenAI-compatible gateway (RouterAI): POST /chat/completions with the
// documented streaming protocol — `data:` lines of chat.completion.chunk objects, a usage chunk when
// `stream_options.include_usage` is set, then `data: [DONE]`. Each model name can be told to
// misbehave: answer slowly, fail with 500, stream garbage, or cut the connection mid-answer.
import { createServer, type IncomingMessage, type Server } from 'node:http';

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

export interface FakeGateway {
  url: string;
  requests: RecordedRequest[];
  /** How a model answers from now on; unknown models answer `ok`. */
  behave(model: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

export const DEFAULT_REPLY = 'Капитальный ремонт двухкомнатной квартиры обычно занимает от двух до четырёх месяцев.';

const readBody = async (request: IncomingMessage) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeGateway(): Promise<FakeGateway> {
  const behaviours = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const open = new Set<import('node:net').Socket>();

  const server: Server = createServer(async (request, response) => {
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
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
