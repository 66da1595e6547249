// Short confirmations shown in the corner after an action succeeds ("Сотрудник добавлен").
import { create } from 'zustand';

export type ToastTone = 'success' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

const VISIBLE_MS = 4000;

interface ToastState {
  toasts: Toast[];
  show(message: string, tone?: ToastTone): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (message, tone = 'success') => {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, tone, message }] });
    setTimeout(() => get().dismiss(id), VISIBLE_MS);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));

/** For event handlers: `toast('Сохранено')` without subscribing a component to the store. */
export const toast = (message: string, tone?: ToastTone) => useToastStore.getState().show(message, tone);
