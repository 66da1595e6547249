// Short confirmations shown in the corner after an action succeeds ("Сотрудник добавлен").
import { create } from 'zustand';

export type ToastTone = 'success' | 'error';

/** A page the toast leads to, such as what was just created. */
export interface ToastLink {
  label: string;
  to: string;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
  link?: ToastLink;
}

const VISIBLE_MS = 4000;

interface ToastState {
  toasts: Toast[];
  show(message: string, tone?: ToastTone, link?: ToastLink): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (message, tone = 'success', link) => {
    const id = nextId++;
    set({ toasts: [...get().toasts, { id, tone, message, ...(link ? { link } : {}) }] });
    setTimeout(() => get().dismiss(id), VISIBLE_MS);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));

/** For event handlers: `toast('Сохранено')` without subscribing a component to the store. */
export const toast = (message: string, tone?: ToastTone, link?: ToastLink) =>
  useToastStore.getState().show(message, tone, link);
