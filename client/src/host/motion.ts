// "Reduce motion" on the projector: the system's prefers-reduced-motion, unless the teacher set
// the page's own toggle, which this browser remembers.
const KEY = 'ua:reduce-motion';

export interface MotionPreference {
  readonly reduced: boolean;
  set(reduced: boolean): void;
  /** Called when the effective preference changes (the toggle, or the system setting). */
  onChange: () => void;
}

export function motionPreference(): MotionPreference {
  const media = window.matchMedia?.('(prefers-reduced-motion: reduce)');
  const stored = (): boolean | null => {
    const value = localStorage.getItem(KEY);
    return value === '1' ? true : value === '0' ? false : null;
  };
  const pref: MotionPreference = {
    get reduced() {
      return stored() ?? media?.matches ?? false;
    },
    set(reduced) {
      localStorage.setItem(KEY, reduced ? '1' : '0');
      pref.onChange();
    },
    onChange: () => undefined,
  };
  media?.addEventListener?.('change', () => {
    if (stored() === null) pref.onChange();
  });
  return pref;
}
