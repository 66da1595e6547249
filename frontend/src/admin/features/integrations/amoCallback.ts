// amoCRM's consent page sends the browser back through the API, which lands it on this page as
// `?amocrm=connected`, or `?amocrm=error&reason=…` with the reason in Russian. The page says so
// once and takes the parameters off the address, so a reload or a bookmark does not say it again.

export type AmoCallback = { outcome: 'connected' } | { outcome: 'error'; reason: string | null };

/** Anyone can send the owner a link with any reason in it: a long text is cut rather than shown whole. */
const MAX_REASON = 300;

export function readAmoCallback(params: URLSearchParams): AmoCallback | null {
  const outcome = params.get('amocrm');
  if (outcome === 'connected') return { outcome };
  if (outcome !== 'error') return null;
  const reason = (params.get('reason') ?? '').replace(/\s+/g, ' ').trim();
  if (!reason) return { outcome, reason: null };
  return { outcome, reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason };
}

/** The address's parameters without the callback's, the others kept. */
export function withoutAmoCallback(params: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(params);
  rest.delete('amocrm');
  rest.delete('reason');
  return rest;
}
