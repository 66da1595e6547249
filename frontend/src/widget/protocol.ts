// The messages the chat frame and the loader on the customer's page exchange with postMessage.
// Either side checks who sent a message before acting on it: the loader accepts only the frame's
// origin, the frame only its parent window.

/** Frame → page: reach a Yandex Metrika goal, or close the chat panel. */
export type FrameMessage = { type: 'aimax:goal'; goal: string } | { type: 'aimax:close' };

/** Page → frame: the panel was opened (again), so the frame takes the keyboard focus. */
export type HostMessage = { type: 'aimax:open' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function isFrameMessage(data: unknown): data is FrameMessage {
  if (!isRecord(data)) return false;
  if (data.type === 'aimax:close') return true;
  return data.type === 'aimax:goal' && typeof data.goal === 'string' && data.goal.length > 0;
}

export const isHostMessage = (data: unknown): data is HostMessage => isRecord(data) && data.type === 'aimax:open';

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
