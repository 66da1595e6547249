// How a receiver checks that a webhook request came from AI Max, as code to copy: the signature
// is HMAC-SHA256 of `<t>.<raw body>` with the endpoint's secret, sent as
// `X-AIMax-Signature: t=<unix seconds>,v1=<hex>`. The Node.js version is run by the tests, so what
// owners copy verifies what the backend signs.

export type SnippetLanguage = 'node' | 'php';

export const snippetLanguages: ReadonlyArray<{ value: SnippetLanguage; label: string }> = [
  { value: 'node', label: 'Node.js' },
  { value: 'php', label: 'PHP' },
];

const node = `import crypto from 'node:crypto';
import express from 'express';

// rawBody: the body exactly as it came (a Buffer or a string), before JSON.parse.
export function isSignedByAimax(rawBody, signatureHeader, secret) {
  const parts = Object.fromEntries(signatureHeader.split(',').map((part) => part.split('=')));
  const t = parts.t ?? '';
  if (!/^\\d+$/.test(t) || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex'));
  const given = Buffer.from(parts.v1 ?? '');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const app = express();

app.post('/hooks/aimax', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('X-AIMax-Signature') ?? '';
  if (!isSignedByAimax(req.body, signature, process.env.AIMAX_WEBHOOK_SECRET)) return res.sendStatus(401);
  const deliveryId = req.get('X-AIMax-Delivery'); // seen it before? answer 200 and skip
  const lead = JSON.parse(req.body);
  // ...save the lead
  res.sendStatus(200);
});
`;

const php = `<?php
$secret = getenv('AIMAX_WEBHOOK_SECRET');
// The body exactly as it came, before json_decode.
$body = file_get_contents('php://input');
parse_str(str_replace(',', '&', $_SERVER['HTTP_X_AIMAX_SIGNATURE'] ?? ''), $signature);
$t = $signature['t'] ?? '';
$expected = hash_hmac('sha256', $t . '.' . $body, $secret);
if (!ctype_digit($t) || abs(time() - (int) $t) > 300 || !hash_equals($expected, (string) ($signature['v1'] ?? ''))) {
    http_response_code(401);
    exit;
}
$deliveryId = $_SERVER['HTTP_X_AIMAX_DELIVERY']; // seen it before? answer 200 and skip
$lead = json_decode($body, true);
// ...save the lead
http_response_code(200);
`;

export const verificationSnippets: Record<SnippetLanguage, string> = { node, php };
