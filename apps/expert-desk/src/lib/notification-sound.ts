/** A short two-tone chime made with the Web Audio API (no audio file). Never throws. */
let context: AudioContext | null = null;

export function playChime(): void {
  try {
    const AudioCtx =
      globalThis.AudioContext ??
      (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    context ??= new AudioCtx();
    const ctx = context;
    void ctx.resume?.();
    const start = ctx.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const t = start + i * 0.18;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.17);
    });
  } catch {
    // sound is a nicety: a browser refusing audio must not break the queue
  }
}

const SOUND_KEY = 'lumira.desk.sound';

export function loadSoundPreference(): boolean {
  return globalThis.localStorage?.getItem(SOUND_KEY) === 'on';
}

export function saveSoundPreference(on: boolean): void {
  globalThis.localStorage?.setItem(SOUND_KEY, on ? 'on' : 'off');
}
