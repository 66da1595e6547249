// The chat frame's entry (/widget/frame?key=…): reads what the loader put in the address, creates
// the chat store and starts the conversation before the first render, so StrictMode's doubled
// effects cannot start two sessions.
import { domAnimation, LazyMotion, MotionConfig } from 'motion/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readFrameParams } from '../frameParams';
import { type FrameMessage, isHostMessage } from '../protocol';
import { createWidgetApi } from './api';
import { ChatStoreContext, createChatStore } from './chatStore';
import { ChatApp } from './components/ChatApp';
import { openEventStream } from './events';
import { applyTheme } from './theme';
import { browserStorage, createVisitStore } from './visits';
import './styles.css';

const params = readFrameParams(window.location.search);
const embedded = window.parent !== window;

// Goals and «close» carry nothing private; they go to the page the loader says it is on, or to
// whichever page embeds us when that is unknown (a page on file://).
const postToHost = (message: FrameMessage) => {
  if (embedded) window.parent.postMessage(message, params.hostOrigin ?? '*');
};

const store = createChatStore({
  api: createWidgetApi(params.key),
  visits: createVisitStore(params.key, browserStorage()),
  page: params,
  openEvents: openEventStream,
  postToHost,
});

window.addEventListener('message', (event) => {
  if (event.source === window.parent && isHostMessage(event.data)) store.getState().requestFocus();
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
