// A short two-note chime for a dialog that starts waiting for a manager, made with the Web Audio
// API so the panel ships no sound file. Browsers allow sound only after the user has interacted
// with the page; before that, or on a device with no audio, the chime is skipped without a word.
let context: AudioContext | undefined;

const NOTES = [
  { frequency: 880, at: 0 },
  { frequency: 1318.5, at: 0.13 },
];

export function playChime(): void {
  // Checked first: creating an AudioContext before any interaction makes Chrome print a warning.
  if ('userActivation' in navigator && !navigator.userActivation.hasBeenActive) return;
  try {
    context ??= new AudioContext();
    context.resume().catch(() => undefined);
    const start = context.currentTime;
    for (const note of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = note.frequency;
      gain.gain.setValueAtTime(0.0001, start + note.at);
      gain.gain.exponentialRampToValueAtTime(0.18, start + note.at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + 0.4);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + note.at);
      oscillator.stop(start + note.at + 0.45);
    }
  } catch {
    // No audio here: the count in the tab's title still tells.
  }
}
