// bench/chat, process 3 of 3: the limit to compare with — a bare Fastify SSE endpoint that relays
// the gateway's tokens with the same SDK, and nothing else: no database, no auth, no transcript.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.GATEWAY_URL, apiKey: 'bench-key', maxRetries: 0 });
const streams = new Map<string, (text: string) => void>();
const app = Fastify();

app.get<{ Params: { id: string } }>('/sse/:id', (request, reply) => {
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  reply.raw.write('retry: 2000\n\n');
  streams.set(request.params.id, (text) =>
    reply.raw.write(`event: token\ndata: ${JSON.stringify({ delta: text })}\n\n`),
  );
  request.raw.on('close', () => streams.delete(request.params.id));
});

app.post<{ Params: { id: string }; Body: { text: string } }>('/msg/:id', async (request, reply) => {
  const send = streams.get(request.params.id);
  void (async () => {
    const stream = await client.chat.completions.create({
      model: 'bench/model',
      messages: [{ role: 'user', content: request.body.text }],
      stream: true,
    });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) send?.(delta);
    }
  })();
  return reply.code(202).send({ id: randomUUID() });
});

const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
