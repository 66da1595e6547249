// The frame's line to the page that embeds it, and the visit kept there. The page's origin is the
// one the loader named in the frame's address (the page it reported): the frame posts only to it
// and hears only its parent window at it, so another site that frames the chat can neither read
// what is sent nor be believed. The frame does not start a session before the page has said what
// it keeps (the loader answers at once); only a page that never answers, such as one that frames
// /widget/frame without the loader, is waited for a moment before the frame's own storage is used.
import { type FrameMessage, type HostMessage, isFromHost, isHostMessage } from '../protocol';
import type { VisitKeeper } from '../visitKeeper';

/** How long a page without the loader is waited for, before the frame keeps the visit itself. */
export const HOST_ANSWER_MS = 1500;

export interface HostLink {
  post(message: FrameMessage): void;
  /** Calls `receive` with each message the page sends; the returned function stops listening. */
  listen(receive: (message: HostMessage) => void): () => void;
}

interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** The frame's window, as far as talking to its parent goes. */
export interface FrameWindow {
  parent: MessageTarget;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** A link to the embedding page at `hostOrigin`; null when the frame is not embedded or that origin is unknown. */
export function createHostLink(frameWindow: FrameWindow, hostOrigin: string | null): HostLink | null {
  const { parent } = frameWindow;
  if (!hostOrigin || (parent as unknown) === frameWindow) return null;
  const host = { origin: hostOrigin, window: parent };
  return {
    post: (message) => parent.postMessage(message, hostOrigin),
    listen(receive) {
      const onMessage = (event: MessageEvent) => {
        if (isFromHost(event, host) && isHostMessage(event.data)) receive(event.data);
      };
      frameWindow.addEventListener('message', onMessage);
      return () => frameWindow.removeEventListener('message', onMessage);
    },
  };
}

/**
 * The keeper of the visit: the page, once it has answered what it keeps (each new visit is then
 * handed back to it), else `fallback`, when there is no page to ask or it has not answered within
 * `waitMs`.
 */
export function hostKeeper(
  link: HostLink | null,
  fallback: VisitKeeper,
  waitMs = HOST_ANSWER_MS,
): Promise<VisitKeeper> {
  if (!link) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop = () => {};
    const settle = (keeper: VisitKeeper) => {
      clearTimeout(timer);
      stop();
      resolve(keeper);
    };
    stop = link.listen((message) => {
      if (message.type !== 'aimax:visit') return;
      let kept = message.visit;
      settle({
        read: () => kept,
        write(visit) {
          kept = visit;
          link.post({ type: 'aimax:keep', visit });
        },
      });
    });
    timer = setTimeout(() => settle(fallback), waitMs);
    link.post({ type: 'aimax:hello' });
  });
}
