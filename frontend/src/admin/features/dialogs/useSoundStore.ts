// Whether a chime sounds when a dialog starts waiting for a manager: on unless this browser was
// told otherwise, and remembered in it (a setting of the device, like its volume, not of the user).
import { create } from 'zustand';

const KEY = 'aimax.dialogs.sound';

// Storage may be refused (a private window, a blocked site); the chime then just stays on.
function readEnabled(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

interface SoundState {
  enabled: boolean;
  setEnabled(enabled: boolean): void;
}

export const useSoundStore = create<SoundState>()((set) => ({
  enabled: readEnabled(),
  setEnabled: (enabled) => {
    try {
      localStorage.setItem(KEY, enabled ? 'on' : 'off');
    } catch {
      // Kept for this visit only.
    }
    set({ enabled });
  },
}));
