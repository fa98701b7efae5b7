// "Read aloud" on the teacher's page: speaks each question and its options with the browser's
// speech synthesis, in the game's language, for students who read slowly, and at the reveal the
// right answer and why. What is said is built by pure functions (readAloudText, revealAloudText,
// unit-tested); the rest only drives speechSynthesis: each question and each reveal spoken once,
// cut off when the phase changes, and nothing at all (no error, the switch disabled) where the
// browser has no speech synthesis.
import { rightAnswerText } from '../view/answers.ts';
import type { GameView, QuestionView } from '../view/model.ts';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The voice's language for the game's: a Spanish or an English voice, as the game is set. */
export function voiceLang(lang: string): 'es-ES' | 'en-US' {
  return lang === 'en' ? 'en-US' : 'es-ES';
}

const sentence = (s: string) => (/[.?!…:;]$/.test(s) ? s : `${s}.`);

/** The words to speak for a question as the projector shows it ('' when there is nothing to say). */
export function readAloudText(q: Pick<QuestionView, 'type' | 'text' | 'options' | 'min' | 'max' | 'unit'>, tr: Translate): string {
  const text = q.text.trim();
  if (!text) return '';
  const options = (labels: readonly string[]) => labels.map((label, i) => sentence(tr('host.readAloudOption', { n: i + 1, text: label.trim() })));
  const parts = [sentence(text)];
  switch (q.type) {
    case 'truefalse':
      parts.push(...options([tr('answer.true'), tr('answer.false')]));
      break;
    case 'numeric':
      parts.push(sentence(tr('host.readAloudNumber', { min: q.min, max: q.max, unit: q.unit ? ` ${q.unit}` : '' })));
      break;
    case 'order':
      parts.push(sentence(tr('host.readAloudOrder')), ...options(q.options));
      break;
    case 'multi':
      parts.push(sentence(tr('host.readAloudMulti')), ...options(q.options));
      break;
    default:
      parts.push(...options(q.options));
  }
  return parts.join(' ');
}

/** The words to speak at a reveal: the right answer as the projector shows it, then why ('' for a skipped question; a poll has only its why). */
export function revealAloudText(v: Pick<GameView, 'question' | 'reveal'>, tr: Translate): string {
  if (v.reveal.skipped) return '';
  return [rightAnswerText(v, tr), v.reveal.explanation]
    .map((part) => part.trim())
    .filter(Boolean)
    .map(sentence)
    .join(' ');
}

export interface ReadAloud {
  /** False where the browser cannot speak: the switch is shown disabled, with why. */
  readonly available: boolean;
  enabled: boolean;
  /** Called with every view: speaks a newly opened question or reveal, stops speaking when the phase changes. */
  update(v: GameView): void;
  stop(): void;
}

const STORAGE_KEY = 'ua:read-aloud';

/** `synth`: the browser's speechSynthesis (absent in some browsers and in tests). */
export function createReadAloud(tr: Translate, synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): ReadAloud {
  const Utterance = (globalThis as { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance }).SpeechSynthesisUtterance;
  const available = !!synth && typeof Utterance === 'function';
  let enabled = available && readStored();
  let phase = '';
  let paused = false;
  let spokenSeq = -1;
  let spokenReveal = -1;

  const stop = () => {
    try {
      if (available) synth!.cancel();
    } catch {
      // a browser that refuses to cancel has nothing to stop
    }
  };

  const speak = (text: string, lang: string) => {
    if (!available || !text) return;
    const u = new Utterance!(text);
    u.lang = voiceLang(lang);
    const voices = synth!.getVoices?.() ?? [];
    const voice = voices.find((x) => x.lang === u.lang) ?? voices.find((x) => x.lang.toLowerCase().startsWith(lang === 'en' ? 'en' : 'es'));
    if (voice) u.voice = voice;
    try {
      synth!.speak(u);
    } catch {
      // speech is a help, never a reason for the console to fail
    }
  };

  return {
    available,
    get enabled() {
      return enabled;
    },
    set enabled(on: boolean) {
      enabled = available && on;
      try {
        localStorage.setItem(STORAGE_KEY, enabled ? '1' : '0');
      } catch {
        // private browsing: the switch simply is not remembered
      }
      if (!enabled) stop();
    },
    update(v: GameView) {
      if (v.phase !== phase || (v.paused && !paused)) stop();
      phase = v.phase;
      paused = v.paused;
      if (!enabled || v.paused) return;
      if (v.phase === 'question' && v.question.seq !== spokenSeq) {
        spokenSeq = v.question.seq;
        speak(readAloudText(v.question, tr), v.lang);
      } else if (v.phase === 'reveal' && v.reveal.seq !== spokenReveal) {
        spokenReveal = v.reveal.seq;
        speak(revealAloudText(v, tr), v.lang);
      }
    },
    stop,
  };
}

function readStored(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}
