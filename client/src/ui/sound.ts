// Small synthesized cues (no audio files to download): a rising note when a question opens and a
// chime at the reveal. Browsers keep audio silent until the page has had a click or a key: after
// a reload the page has had none, so `blocked` says so (the teacher's page asks for one click)
// and the first click or key anywhere unlocks it.
export interface Sound {
  enabled: boolean;
  /** True while the browser would keep the cues silent (no click or key on this page yet). */
  readonly blocked: boolean;
  start(): void;
  chime(): void;
  /** Called when `blocked` changes. */
  onChange: () => void;
}

export function createSound(): Sound {
  let ctx: AudioContext | null = null;
  let unlocked = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive ?? true;
  const audio = (): AudioContext | null => {
    try {
      ctx ??= new AudioContext();
      return ctx.state === 'running' || ctx.state === 'suspended' ? ctx : null;
    } catch {
      return null;
    }
  };
  const tone = (freq: number, at: number, dur: number) => {
    if (!unlocked) return;
    const a = audio();
    if (!a) return;
    void a.resume().catch(() => undefined);
    const osc = a.createOscillator();
    const gain = a.createGain();
    osc.frequency.value = freq;
    osc.type = 'triangle';
    gain.gain.setValueAtTime(0.0001, a.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.2, a.currentTime + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, a.currentTime + at + dur);
    osc.connect(gain).connect(a.destination);
    osc.start(a.currentTime + at);
    osc.stop(a.currentTime + at + dur + 0.05);
  };
  const sound: Sound = {
    enabled: true,
    get blocked() {
      return !unlocked;
    },
    start() {
      if (sound.enabled) [440, 554, 659].forEach((f, i) => tone(f, i * 0.09, 0.18));
    },
    chime() {
      if (sound.enabled) [784, 988].forEach((f, i) => tone(f, i * 0.12, 0.35));
    },
    onChange: () => undefined,
  };
  const unlock = () => {
    if (unlocked) return;
    unlocked = true;
    void audio()?.resume().catch(() => undefined);
    sound.onChange();
  };
  for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, unlock, { capture: true });
  return sound;
}
