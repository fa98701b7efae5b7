// "Read aloud" on the phone: the browser's speech synthesis speaks the open question and its
// options in the game's language, for a student who reads slowly or is learning the language.
// Absent where the browser has no speech synthesis; whatever is being read stops when the screen
// changes (stopReading), so a closed question is never read over the reveal.
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

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
  const icon = el('span', {}, '🔊');
  icon.setAttribute('aria-hidden', 'true');
  const button = el('button', { type: 'button', className: 'secondary read-aloud' }, icon, ' ', t('player.readAloud'));
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
