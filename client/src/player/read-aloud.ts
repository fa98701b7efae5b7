// "Read aloud" on the phone: the browser's speech synthesis speaks the open question and its
// options in the game's language, for a student who reads slowly or is learning the language.
// Absent where the browser has no speech synthesis; whatever is being read stops when the screen
// changes (stopReading), so a closed question is never read over the reveal.
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

/** A speaker, drawn (an emoji needs a font a phone may lack). */
const SPEAKER = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor"/><path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
const VOICE_LANG: Readonly<Record<string, string>> = { es: 'es-ES', en: 'en-US' };

function synth(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && typeof window.speechSynthesis?.speak === 'function' && typeof SpeechSynthesisUtterance === 'function' ? window.speechSynthesis : null;
}

/** The words read for a question: its text, then each option in the order the phone shows them. */
export function spokenQuestion(text: string, options: readonly string[]): string {
  return [text, ...options.map((o, i) => `${i + 1}. ${o}`)].join('\n');
}

/** A button that reads `words()` aloud in `lang` (the game's), or null when this browser cannot speak. */
export function readAloudButton(lang: string, words: () => string): HTMLButtonElement | null {
  const speech = synth();
  if (!speech) return null;
  const button = el('button', { type: 'button', className: 'secondary read-aloud' }, t('player.readAloud'));
  button.insertAdjacentHTML('afterbegin', SPEAKER);
  button.onclick = () => {
    speech.cancel();
    const utterance = new SpeechSynthesisUtterance(words());
    utterance.lang = VOICE_LANG[lang] ?? VOICE_LANG.es!;
    const base = utterance.lang.slice(0, 2);
    const voice = speech.getVoices().find((v) => v.lang === utterance.lang) ?? speech.getVoices().find((v) => v.lang.startsWith(base));
    if (voice) utterance.voice = voice;
    speech.speak(utterance);
  };
  return button;
}

/** Stops any reading (the question it read is gone from the screen). */
export function stopReading(): void {
  const speech = synth();
  if (speech?.speaking || speech?.pending) speech.cancel();
}
