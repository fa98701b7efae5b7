// What a key does on the teacher's page. Presentation remotes send PageDown / Right arrow (and
// some Space) for "next" and B or period ("blank screen") for a pause; digits pick the team the
// ops center follows (0: back to automatic). Keys typed into a form field are the field's, and
// Space on a focused control keeps its usual meaning (the page keeps the focus on the control
// that does "next", so Space there is "next" too). Pure.

export type KeyCommand = { kind: 'next' } | { kind: 'pause' } | { kind: 'focus'; team: number | null } | { kind: 'escape' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** What has the focus: a text field or list, another control (button, checkbox), or nothing in particular. */
  target: 'field' | 'control' | 'page';
}

export function keyCommand(e: KeyInput): KeyCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'Escape') return { kind: 'escape' };
  if (e.target === 'field') return null;
  switch (e.key) {
    case 'PageDown':
    case 'ArrowRight':
      return { kind: 'next' };
    case ' ':
    case 'Spacebar':
      return e.target === 'page' ? { kind: 'next' } : null;
    case 'b':
    case 'B':
    case '.':
      return { kind: 'pause' };
    case '0':
      return { kind: 'focus', team: null };
    default:
      return /^[1-8]$/.test(e.key) ? { kind: 'focus', team: Number(e.key) - 1 } : null;
  }
}
