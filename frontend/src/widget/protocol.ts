// The messages the chat frame and the loader on the customer's page exchange with postMessage.
// Either side checks who sent a message before acting on it: the loader accepts only the frame's
// origin and window, the frame only its parent window at the page's origin.
//
// The visit (visitor id and session token) is kept by the page, not by the frame: on a customer's
// site the frame is a third-party iframe, which browsers give no storage. The frame asks
// (`aimax:hello`), the loader answers with what the page keeps (`aimax:visit`, null when nothing),
// and the frame hands each new token back (`aimax:keep`), always to the other side's exact origin.

/**
 * Frame → page: reach a Yandex Metrika goal, close the chat panel, ask for the visit the page keeps
 * for this widget, or keep this visit (as text, which the frame reads back and checks).
 */
export type FrameMessage =
  | { type: 'aimax:goal'; goal: string }
  | { type: 'aimax:close' }
  | { type: 'aimax:hello' }
  | { type: 'aimax:keep'; visit: string };

/**
 * Page → frame: the panel was opened (again), so the frame takes the keyboard focus; or the visit
 * the page keeps, null when it keeps none (or has no storage either).
 */
export type HostMessage = { type: 'aimax:open' } | { type: 'aimax:visit'; visit: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function isFrameMessage(data: unknown): data is FrameMessage {
  if (!isRecord(data)) return false;
  const { type } = data;
  if (type === 'aimax:close' || type === 'aimax:hello') return true;
  if (type === 'aimax:keep') return typeof data.visit === 'string';
  return type === 'aimax:goal' && typeof data.goal === 'string' && data.goal.length > 0;
}

export function isHostMessage(data: unknown): data is HostMessage {
  if (!isRecord(data)) return false;
  if (data.type === 'aimax:open') return true;
  return data.type === 'aimax:visit' && (data.visit === null || typeof data.visit === 'string');
}

/**
 * Whether a message event really comes from the chat frame: from its origin and from its window.
 * Any other script on the page, or another frame, could post the same shape.
 */
export function isFromFrame(
  event: { origin: string; source: unknown },
  frame: { origin: string; window: unknown },
): boolean {
  return event.origin === frame.origin && frame.window !== null && event.source === frame.window;
}

/**
 * Whether a message event really comes from the page that embeds the frame: from its parent window
 * at the origin the loader named. Other frames on the page, or a page that navigated the parent
 * elsewhere, are not heard; with no origin known, nothing is.
 */
export function isFromHost(
  event: { origin: string; source: unknown },
  host: { origin: string | null; window: unknown },
): boolean {
  return host.origin !== null && event.origin === host.origin && event.source === host.window;
}
