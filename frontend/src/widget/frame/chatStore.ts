// chatStore: the visitor's conversation as the frame shows it. The session (started, or resumed
// with the token the visit kept), the messages in sequence order and each once (they arrive from
// both the API's answers and the event stream), the drafts of replies the AI is writing, the
// funnel's current step, the connection and what is being sent. One store per frame, created
// with its dependencies so tests can give it others; components read it through useChatStore.
import type {
  ChatEvent,
  Estimate,
  MessageView,
  PublicStep,
  VisitorDialogView,
  WidgetConfigView,
  WidgetSessionView,
} from '@aimax/backend/contracts';
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyStreamEvent, lastSeq, mergeMessages } from '@/lib/chatTranscript';
import type { FrameMessage } from '../protocol';
import { errorMessage, type SessionCredentials, type WidgetApi, WidgetApiError } from './api';
import type { EventStreamOptions, StreamStatus } from './events';
import { type GoalKind, goalName } from './goals';
import type { VisitStore } from './visits';

export type ConnectionStatus = 'idle' | 'connecting' | StreamStatus;

/** A free message on its way, or one that failed and waits for «повторить». */
export interface PendingMessage {
  localId: string;
  text: string;
  state: 'sending' | 'failed';
  error: string | null;
}

export interface ChatState {
  phase: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  config: WidgetConfigView | null;
  session: SessionCredentials | null;
  status: WidgetSessionView['status'];
  step: PublicStep | null;
  progress: WidgetSessionView['progress'];
  estimate: Estimate | null;
  messages: MessageView[];
  /** Replies being written, by reply id: '' while only "typing", then the text so far. */
  drafts: Record<string, string>;
  connection: ConnectionStatus;
  answering: boolean;
  /** Why the last answer to the current step was refused: the server's message for that step. */
  answerError: string | null;
  outbox: PendingMessage[];
  pdf: { loading: boolean; error: string | null };
  /** The highest sequence number present when the conversation was loaded: those do not animate in. */
  loadedSeq: number;
  /** Bumped when the page reopens the panel, so the frame puts the focus back on the conversation. */
  focusRequest: number;
  /** Who answers: the AI, a manager on the way, a manager by name. */
  dialog: VisitorDialogView;
  /** Why «Позвать менеджера» failed, until the next try. */
  callError: string | null;
}

export interface ChatActions {
  start(): Promise<void>;
  /** Answers the current step; resolves whether the server accepted the answer. */
  answer(value: unknown): Promise<boolean>;
  clearAnswerError(): void;
  /** Sends a free message; resolves false when there was nothing to send or a send is under way. */
  send(text: string): Promise<boolean>;
  retry(localId: string): Promise<void>;
  /** A fresh signed link to the estimate PDF, or null (with `pdf.error` set) when there is none. */
  estimatePdfLink(): Promise<string | null>;
  receive(event: ChatEvent): void;
  requestFocus(): void;
  /** «Позвать менеджера». */
  callOperator(): Promise<void>;
  /** The visitor typed: the managers are told, at most every few seconds. */
  typed(): void;
}

export type ChatStore = ChatState & ChatActions;

/** How often, at most, the managers hear that the visitor is typing (the server keeps to 2 s too). */
const TYPING_EVERY_MS = 3000;

export interface ChatDeps {
  api: WidgetApi;
  visits: VisitStore;
  /** The page the chat sits on, as the loader reported it. */
  page: { pageUrl: string | undefined; referrer: string | undefined; utm: Record<string, string> };
  openEvents(options: EventStreamOptions): () => void;
  postToHost(message: FrameMessage): void;
}

/**
 * Whether a new message says the funnel moved without us (the same visitor answering in another
 * tab): then the step shown here is stale and the session's state is read again.
 */
export function funnelMovedElsewhere(
  state: Pick<ChatState, 'messages' | 'step' | 'status' | 'answering'>,
  message: MessageView,
) {
  if (state.answering || state.messages.some((known) => known.seq === message.seq)) return false;
  if (message.kind === 'question') return message.data.stepId !== state.step?.id;
  return message.kind === 'estimate' && state.status !== 'completed';
}

const initialState: ChatState = {
  phase: 'loading',
  loadError: null,
  config: null,
  session: null,
  status: 'active',
  step: null,
  progress: { answered: 0, total: 0 },
  estimate: null,
  messages: [],
  drafts: {},
  connection: 'idle',
  answering: false,
  answerError: null,
  outbox: [],
  pdf: { loading: false, error: null },
  loadedSeq: 0,
  focusRequest: 0,
  dialog: { state: 'ai', operatorName: null },
  callError: null,
};

export function createChatStore(deps: ChatDeps): StoreApi<ChatStore> {
  const { api } = deps;
  let closeEvents: (() => void) | null = null;
  let openedGoalSent = false;
  let localIds = 0;
  let lastTyped = 0;

  return createStore<ChatStore>()((set, get) => {
    const goal = (kind: GoalKind, stepId?: string) => {
      const name = goalName(get().config?.metrika ?? null, kind, stepId);
      if (name) deps.postToHost({ type: 'aimax:goal', goal: name });
    };

    const sessionBody = (visitorId: string, token: string | null) => ({
      visitorId,
      ...(token ? { token } : {}),
      ...(deps.page.pageUrl ? { pageUrl: deps.page.pageUrl } : {}),
      ...(deps.page.referrer ? { referrer: deps.page.referrer } : {}),
      utm: deps.page.utm,
    });

    const funnelState = (view: Pick<WidgetSessionView, 'status' | 'step' | 'progress' | 'estimate'>) => ({
      status: view.status,
      step: view.step,
      progress: view.progress,
      estimate: view.estimate,
    });

    const connect = (session: SessionCredentials) => {
      closeEvents?.();
      set({ connection: 'connecting' });
      closeEvents = deps.openEvents({
        url: () => api.eventsUrl(session, lastSeq(get().messages)),
        onEvent: (event) => get().receive(event),
        onStatus: (connection) => set({ connection }),
      });
    };

    /** Reads the session's state again (a resume with its token). */
    const resync = async () => {
      const session = get().session;
      if (!session) return;
      try {
        const { visitorId } = await deps.visits.load();
        const view = await api.startSession(sessionBody(visitorId, session.token));
        if (view.sessionId !== session.sessionId) return;
        set((state) => ({ ...funnelState(view), messages: mergeMessages(state.messages, view.messages) }));
      } catch {
        // The stream keeps delivering messages; the next answer brings the state anyway.
      }
    };

    const deliver = async (localId: string) => {
      const { session, outbox } = get();
      const pending = outbox.find((item) => item.localId === localId);
      if (!session || !pending) return;
      try {
        const stored = await api.sendMessage(session, pending.text);
        set((state) => ({
          outbox: state.outbox.filter((item) => item.localId !== localId),
          messages: mergeMessages(state.messages, [stored]),
        }));
      } catch (error) {
        set((state) => ({
          outbox: state.outbox.map((item) =>
            item.localId === localId ? { ...item, state: 'failed', error: errorMessage(error) } : item,
          ),
        }));
      }
    };

    return {
      ...initialState,

      async start() {
        set({ phase: 'loading', loadError: null });
        try {
          // The config needs no visit: it is on its way while the page is asked what it keeps.
          const visit = deps.visits.load();
          const [config, view, { visitorId }] = await Promise.all([
            api.config(),
            visit.then((kept) => api.startSession(sessionBody(kept.visitorId, kept.token))),
            visit,
          ]);
          deps.visits.save({ visitorId, token: view.token });
          const messages = mergeMessages([], view.messages);
          const session = { sessionId: view.sessionId, token: view.token };
          set({
            phase: 'ready',
            config,
            session,
            ...funnelState(view),
            messages,
            loadedSeq: lastSeq(messages),
            dialog: view.dialog,
          });
          if (!openedGoalSent) {
            openedGoalSent = true;
            goal('opened');
          }
          connect(session);
        } catch (error) {
          set({ phase: 'failed', loadError: errorMessage(error) });
        }
      },

      async answer(value) {
        const { session, step, answering } = get();
        if (!session || !step || answering) return false;
        set({ answering: true, answerError: null });
        try {
          const result = await api.answer(session, step.id, value);
          set((state) => ({
            answering: false,
            ...funnelState(result),
            messages: mergeMessages(state.messages, result.messages),
          }));
          goal('step', step.id);
          if (step.kind === 'contacts') goal('contacts');
          return true;
        } catch (error) {
          const message =
            error instanceof WidgetApiError ? (error.fields[step.id] ?? error.message) : errorMessage(error);
          set({ answering: false, answerError: message });
          return false;
        }
      },

      clearAnswerError() {
        if (get().answerError) set({ answerError: null });
      },

      async send(text) {
        const trimmed = text.trim();
        const { session, outbox } = get();
        if (!trimmed || !session || outbox.some((item) => item.state === 'sending')) return false;
        localIds += 1;
        const localId = `local-${localIds}`;
        set((state) => ({ outbox: [...state.outbox, { localId, text: trimmed, state: 'sending', error: null }] }));
        await deliver(localId);
        return true;
      },

      async retry(localId) {
        set((state) => ({
          outbox: state.outbox.map((item) =>
            item.localId === localId ? { ...item, state: 'sending', error: null } : item,
          ),
        }));
        await deliver(localId);
      },

      async estimatePdfLink() {
        const session = get().session;
        if (!session) return null;
        set({ pdf: { loading: true, error: null } });
        try {
          const link = await api.estimatePdf(session);
          set({ pdf: { loading: false, error: null } });
          goal('estimate');
          return link.url;
        } catch (error) {
          set({ pdf: { loading: false, error: errorMessage(error) } });
          return null;
        }
      },

      receive(event) {
        const state = get();
        const moved = event.type === 'message' && funnelMovedElsewhere(state, event.message);
        set(applyStreamEvent(state, event));
        // The stream may bring the visitor's own message before the send answers: that copy
        // stands for the bubble still on its way, so the message is not shown twice meanwhile.
        if (event.type === 'message' && event.message.role === 'visitor') {
          const sent = state.outbox.find(
            (item) => item.state === 'sending' && item.text.trim() === event.message.content,
          );
          if (sent) set({ outbox: state.outbox.filter((item) => item !== sent) });
        }
        if (event.type === 'state') {
          set({ dialog: { state: event.state, operatorName: event.operator?.name ?? null } });
        }
        if (moved) void resync();
      },

      requestFocus() {
        set((state) => ({ focusRequest: state.focusRequest + 1 }));
      },

      async callOperator() {
        const session = get().session;
        if (!session) return;
        set({ callError: null });
        try {
          set({ dialog: await api.requestOperator(session) });
        } catch (error) {
          set({ callError: errorMessage(error) });
        }
      },

      typed() {
        const session = get().session;
        const now = Date.now();
        if (!session || now - lastTyped < TYPING_EVERY_MS) return;
        lastTyped = now;
        // Only a hint for the managers: a lost one needs no retry and no word to the visitor.
        api.typing(session).catch(() => undefined);
      },
    };
  });
}

export const ChatStoreContext = createContext<StoreApi<ChatStore> | null>(null);

/** The frame's chat store, read with a selector (wrap multi-field selections in useShallow). */
export function useChatStore<T>(selector: (state: ChatStore) => T): T {
  const store = useContext(ChatStoreContext);
  if (!store) throw new Error('useChatStore needs a ChatStoreContext provider');
  return useStore(store, selector);
}
