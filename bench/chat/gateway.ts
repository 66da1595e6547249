// bench/chat, process 1 of 3: the fake OpenAI-compatible gateway with a fixed time to first token.
import { startFakeGateway } from '../../backend/test/fakes/openaiGateway.ts';

const firstTokenMs = Number(process.env.FIRST_TOKEN_MS ?? 50);
const gateway = await startFakeGateway();
gateway.behave('bench/model', {
  kind: 'ok',
  text: 'Сроки зависят от площади и вида ремонта, обычно от трёх недель до четырёх месяцев.',
  firstTokenMs,
  tokenMs: 2,
});
process.send?.({ url: gateway.url });
