// The chat frame's entry (/widget/frame?key=…): reads what the loader put in the address, creates
// the chat store and starts the conversation before the first render, so StrictMode's doubled
// effects cannot start two sessions.
import { domAnimation, LazyMotion, MotionConfig } from 'motion/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readFrameParams } from '../frameParams';
import type { FrameMessage } from '../protocol';
import { storageKeeper } from '../visitKeeper';
import { createWidgetApi } from './api';
import { ChatStoreContext, createChatStore } from './chatStore';
import { ChatApp } from './components/ChatApp';
import { openEventStream } from './events';
import { createHostLink, hostKeeper } from './host';
import { applyTheme } from './theme';
import { createVisitStore } from './visits';
import './styles.css';

const params = readFrameParams(window.location.search);
const embedded = window.parent !== window;
const host = createHostLink(window, params.hostOrigin);

// Goals and «close» carry nothing private; they go to the page the loader says it is on, or to
// whichever page embeds us when that is unknown (a page on file://).
const postToHost = (message: FrameMessage) => {
  if (embedded) window.parent.postMessage(message, params.hostOrigin ?? '*');
};

const store = createChatStore({
  api: createWidgetApi(params.key),
  // The page keeps the visit; the frame's own storage only serves where no loader answers (on a
  // customer's site the browser refuses it to us anyway).
  visits: createVisitStore(
    hostKeeper(
      host,
      storageKeeper(params.key, () => window.localStorage),
    ),
  ),
  page: params,
  openEvents: openEventStream,
  postToHost,
});

host?.listen((message) => {
  if (message.type === 'aimax:open') store.getState().requestFocus();
});

// The header takes the launcher's colour at once, not after the config has arrived.
if (params.primaryColor) applyTheme({ primaryColor: params.primaryColor }, document.documentElement);

const root = document.getElementById('root');
if (!root) throw new Error('frame.html has no #root element');

void store.getState().start();
createRoot(root).render(
  <StrictMode>
    {/* Visitors who asked their system for less motion get none. */}
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <ChatStoreContext value={store}>
          <ChatApp onClose={embedded ? () => postToHost({ type: 'aimax:close' }) : null} />
        </ChatStoreContext>
      </LazyMotion>
    </MotionConfig>
  </StrictMode>,
);
