// The frame's query string: what the loader tells the chat about the page it sits on (its address,
// referrer and UTM tags, which end up on the lead). Both sides go through here, and the frame
// trims what it reads to the limits the session API accepts, so a long URL never fails a start.

const UTM_NAME = /^utm_[a-z_]{1,30}$/;
const MAX_UTM_TAGS = 10;
const MAX_UTM_VALUE = 300;
const MAX_URL = 2000;

/** The UTM tags among query parameters (`utm_source`, `utm_campaign`…), within the API's limits. */
export function pickUtm(params: URLSearchParams): Record<string, string> {
  const utm: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of params) {
    if (count === MAX_UTM_TAGS) break;
    if (!UTM_NAME.test(name) || !value || name in utm) continue;
    utm[name] = value.slice(0, MAX_UTM_VALUE);
    count++;
  }
  return utm;
}

const COLOR = /^#[0-9a-f]{6}$/i;

export function frameUrl(options: {
  origin: string;
  key: string;
  /** The launcher's colour, for the frame to paint its header before its own config arrives. */
  primaryColor: string;
  pageUrl: string;
  referrer: string;
  utm: Record<string, string>;
}): string {
  const params = new URLSearchParams({
    key: options.key,
    color: options.primaryColor,
    page: options.pageUrl.slice(0, MAX_URL),
  });
  if (options.referrer) params.set('ref', options.referrer.slice(0, MAX_URL));
  for (const [name, value] of Object.entries(options.utm)) params.set(name, value);
  return `${options.origin}/widget/frame?${params}`;
}

export interface FrameParams {
  key: string;
  pageUrl: string | undefined;
  referrer: string | undefined;
  utm: Record<string, string>;
  primaryColor: string | null;
  /** The origin of the page the chat is embedded in: the frame posts only there, and believes only it. */
  hostOrigin: string | null;
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function readFrameParams(search: string): FrameParams {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.slice(0, MAX_URL) || undefined;
  const pageUrl = text('page');
  return {
    key: params.get('key') ?? '',
    pageUrl,
    referrer: text('ref'),
    utm: pickUtm(params),
    primaryColor: COLOR.test(params.get('color') ?? '') ? (params.get('color') as string) : null,
    hostOrigin: originOf(pageUrl),
  };
}
