// The question-set editor at /host/sets: write, reorder, check and preview questions, save them
// to /api/sets, and come back through the edit link (/host/sets?id=ID#token=TOKEN — the token
// stays in the fragment so it never reaches a server log). No account: this browser remembers
// the edit links it made under "My sets". Checks use the shared zod schemas, as the server does.
import './editor.css';
import { LIMITS } from '../../../shared/content/limits.ts';
import { QUESTION_TYPES, type QuestionSet, type QuestionType } from '../../../shared/content/schema.ts';
import { TOPICS } from '../../../shared/content/topics.ts';
import { isLang, pick, type Lang, type Localized } from '../../../shared/i18n-types.ts';
import { applyI18n, currentLang, initI18n, setLang, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, shapeSvg } from '../view/palette.ts';
import { editLink, forgetSet, mySets, rememberSet, setsApi, type ServerProblem } from './api.ts';
import { checkQuestion, checkSetFields, fromSet, lintDraft, move, newQuestion, newSet, toSet, type DraftQuestion, type DraftSet, type FieldProblem } from './model.ts';
import { renderFairness, questionFlagsText } from './fairness.ts';
import { renderPreview } from './preview.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Slot {
  control?: HTMLElement;
  error: HTMLElement;
}

const state = {
  draft: newSet('es') as DraftSet,
  id: undefined as string | undefined,
  token: undefined as string | undefined,
  selected: 0,
  dirty: false,
};

const main = () => $<HTMLElement>('main');
let setSlots = new Map<string, Slot>();
let questionSlots = new Map<string, Slot>();
const statusLine = el('p', { className: 'status', role: 'status' });
const problemsBox = el('div', { className: 'problems', role: 'alert', hidden: true });
const linkBox = el('div', { className: 'link-box', hidden: true });
const notice = el('p', { className: 'notice', hidden: true });
const list = el('ol', { className: 'qlist', id: 'questions' });
const qedit = el('section', { className: 'qedit', id: 'question-editor' });
const exportLinks = el('div', { className: 'actions', hidden: true });

// ---------- small builders ----------

let uid = 0;
function field(label: string, control: HTMLElement, slotKey: string, slots: Map<string, Slot>, hint?: string): HTMLElement {
  const id = control.id || `f${++uid}`;
  control.id = id;
  const error = el('p', { className: 'field-error', id: `${id}-err` });
  control.setAttribute('aria-describedby', `${id}-err`);
  slots.set(slotKey, { control, error });
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: label }), control, ...(hint ? [el('p', { className: 'hint' }, hint)] : []), error);
}

function errorSlot(key: string, slots: Map<string, Slot>): HTMLElement {
  const error = el('p', { className: 'field-error' });
  slots.set(key, { error });
  return error;
}

const lang = (): Lang => state.draft.lang;
const textOf = (l: Localized) => l[lang()] ?? pick(l, lang());
function setText(l: Localized, value: string): void {
  if (value === '') delete l[lang()];
  else l[lang()] = value;
}

function textInput(l: Localized, max: number, multiline = false): HTMLInputElement | HTMLTextAreaElement {
  const input = multiline ? el('textarea', { rows: 2 }) : el('input', { type: 'text' });
  input.maxLength = max + 20;
  input.value = textOf(l);
  input.addEventListener('input', () => {
    setText(l, input.value);
    changed();
  });
  return input;
}

function numberInput(get: () => number, set: (n: number) => void, opts: { step?: string; min?: number; max?: number } = {}): HTMLInputElement {
  const input = el('input', { type: 'number', step: opts.step ?? 'any' });
  if (opts.min !== undefined) input.min = String(opts.min);
  if (opts.max !== undefined) input.max = String(opts.max);
  input.value = Number.isFinite(get()) ? String(get()) : '';
  input.addEventListener('input', () => {
    set(input.value.trim() === '' ? NaN : Number(input.value));
    changed();
  });
  return input;
}

// ---------- checks ----------

function problemText(p: FieldProblem): string {
  return t(`editor.err.${p.key}`, p.vars);
}

function showProblems(slots: Map<string, Slot>, problems: FieldProblem[], fallbackKey: string): void {
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const key = slots.has(p.field) ? p.field : slots.has(p.field.split('.')[0]!) ? p.field.split('.')[0]! : fallbackKey;
    byField.set(key, [...(byField.get(key) ?? []), problemText(p)]);
  }
  for (const [key, slot] of slots) {
    const msgs = byField.get(key) ?? [];
    slot.error.textContent = [...new Set(msgs)].join(' ');
    if (slot.control) slot.control.setAttribute('aria-invalid', String(msgs.length > 0));
  }
}

function problemCount(): number {
  return checkSetFields(state.draft).length + state.draft.questions.reduce((n, q) => n + checkQuestion(q).length, 0);
}

let lint = lintDraft(state.draft);
const fairBox = el('section', { className: 'fairness', id: 'fairness' });
const questionFair = el('div', { className: 'fair-notes', id: 'question-fairness' });

/** Revalidates and redraws what depends on the draft, without rebuilding the inputs being typed in. */
function refresh(): void {
  showProblems(setSlots, checkSetFields(state.draft), 'title');
  const q = state.draft.questions[state.selected];
  if (q) showProblems(questionSlots, checkQuestion(q), 'text');
  lint = lintDraft(state.draft);
  renderList();
  renderPreview($('screen'), q, lang());
  const numbers = new Map(state.draft.questions.map((x, i) => [x.id, i + 1]));
  renderFairness(fairBox, lint, numbers, currentLang());
  const notes = q ? questionFlagsText(lint.flags[q.id] ?? [], numbers) : [];
  questionFair.replaceChildren(...notes.map((n) => el('p', { className: 'fair-note' }, `⚖ ${n}`)));
}

function changed(): void {
  state.dirty = true;
  status(t('editor.unsaved'));
  refresh();
}

function status(text: string, bad = false): void {
  statusLine.textContent = text;
  statusLine.classList.toggle('bad', bad);
}

// ---------- set fields ----------

function renderSetFields(): HTMLElement {
  setSlots = new Map();
  const title = el('input', { type: 'text', id: 'set-title', value: state.draft.title, maxLength: LIMITS.titleChars + 20 });
  title.addEventListener('input', () => {
    state.draft.title = title.value;
    changed();
  });
  const setLangSelect = el('select', { id: 'set-lang' }, ...(['es', 'en'] as const).map((l) => el('option', { value: l, textContent: t(`lang.${l}`) })));
  setLangSelect.value = state.draft.lang;
  setLangSelect.addEventListener('change', () => {
    state.draft.lang = isLang(setLangSelect.value) ? setLangSelect.value : 'es';
    renderQuestionEditor();
    changed();
  });
  const description = el('textarea', { id: 'set-description', rows: 2, value: state.draft.description, maxLength: LIMITS.descriptionChars + 20 });
  description.addEventListener('input', () => {
    state.draft.description = description.value;
    changed();
  });
  return el(
    'div',
    { className: 'grid2' },
    field(t('editor.setTitle'), title, 'title', setSlots),
    field(t('editor.setLang'), setLangSelect, 'lang', setSlots),
    el('div', { style: 'grid-column: 1 / -1' }, field(t('editor.description'), description, 'description', setSlots)),
  );
}

// ---------- question list ----------

function select(i: number): void {
  state.selected = Math.max(0, Math.min(i, state.draft.questions.length - 1));
  renderQuestionEditor();
  refresh();
}

function renderList(): void {
  const qs = state.draft.questions;
  list.replaceChildren(
    ...qs.map((q, i) => {
      const n = i + 1;
      const problems = checkQuestion(q).length;
      const fair = lint.flags[q.id]?.length ?? 0;
      const up = el('button', { type: 'button', className: 'icon', textContent: '↑', disabled: i === 0, ariaLabel: t('editor.moveUp', { n }), title: t('editor.moveUp', { n }) });
      const down = el('button', { type: 'button', className: 'icon', textContent: '↓', disabled: i === qs.length - 1, ariaLabel: t('editor.moveDown', { n }), title: t('editor.moveDown', { n }) });
      const edit = el('button', { type: 'button', className: 'icon', textContent: '✎', ariaLabel: t('editor.edit', { n }), title: t('editor.edit', { n }) });
      const del = el('button', { type: 'button', className: 'icon danger', textContent: '✕', disabled: qs.length === 1, ariaLabel: t('editor.remove', { n }), title: t('editor.remove', { n }) });
      const reorder = (dir: -1 | 1, focusDir: 'up' | 'down') => {
        const moved = move(qs, i, dir);
        state.selected = moved;
        renderQuestionEditor();
        changed();
        // keep the keyboard where it was: on the same arrow of the moved question, or the other if that one is now disabled
        const buttons = list.children[moved]?.querySelectorAll('button');
        const target = focusDir === 'up' ? (moved === 0 ? buttons?.[1] : buttons?.[0]) : moved === qs.length - 1 ? buttons?.[0] : buttons?.[1];
        (target as HTMLButtonElement | undefined)?.focus();
      };
      up.addEventListener('click', () => reorder(-1, 'up'));
      down.addEventListener('click', () => reorder(1, 'down'));
      edit.addEventListener('click', () => {
        select(i);
        qedit.querySelector<HTMLElement>('textarea, input, select')?.focus();
      });
      del.addEventListener('click', () => {
        if (!confirm(t('editor.removeConfirm', { n }))) return;
        qs.splice(i, 1);
        state.selected = Math.min(state.selected, qs.length - 1);
        renderQuestionEditor();
        changed();
      });
      const summary = el('span', { className: 'summary' }, el('span', { className: 'kind' }, `${n}. ${t(`editor.types.${q.type}`)}`), pick(q.text, lang()) || t('editor.empty'));
      summary.addEventListener('click', () => select(i));
      return el(
        'li',
        { className: 'qitem', ariaCurrent: i === state.selected ? 'true' : 'false' },
        summary,
        ...(problems > 0 ? [el('span', { className: 'warn' }, `⚠ ${t('editor.problems', { count: problems })}`)] : []),
        ...(fair > 0
          ? [el('span', { className: 'warn soft', title: t('editor.fair.flags', { count: fair }) }, el('span', { ariaHidden: 'true' }, `⚖ ${fair}`), el('span', { className: 'sr-only' }, t('editor.fair.flags', { count: fair })))]
          : []),
        up,
        down,
        edit,
        del,
      );
    }),
  );
}

// ---------- one question ----------

function optionRows(q: DraftQuestion): HTMLElement {
  const box = el('fieldset', {}, el('legend', {}, t('editor.type') + ': ' + t(`editor.types.${q.type}`)));
  q.options.forEach((o, i) => {
    const n = i + 1;
    const swatch = el('span', { className: 'swatch' });
    swatch.style.background = ANSWER_COLORS[i % 4] ?? '#333';
    swatch.innerHTML = shapeSvg(ANSWER_SHAPES[i % 4] ?? 'circle');
    const input = textInput(o.text, LIMITS.optionChars);
    input.id = `opt-${i}`;
    input.setAttribute('aria-label', t('editor.option', { n }));
    input.placeholder = t('editor.option', { n });
    const error = el('p', { className: 'field-error', id: `opt-${i}-err` });
    input.setAttribute('aria-describedby', `opt-${i}-err`);
    questionSlots.set(`options.${i}.text`, { control: input, error });
    const marks = el('div', { className: 'marks' });
    if (q.type === 'single' || q.type === 'multi') {
      const mark = el('input', { type: q.type === 'single' ? 'radio' : 'checkbox', name: 'correct', checked: o.correct, id: `opt-${i}-correct` });
      mark.addEventListener('change', () => {
        if (q.type === 'single') q.options.forEach((x, j) => (x.correct = j === i));
        else o.correct = mark.checked;
        changed();
      });
      marks.append(el('label', { className: 'correct', htmlFor: mark.id }, mark, t('editor.optionCorrect', { n })));
    }
    const pin = el('input', { type: 'checkbox', checked: o.pinned, id: `opt-${i}-pinned`, ariaLabel: t('editor.optionPinned', { n }) });
    pin.addEventListener('change', () => {
      o.pinned = pin.checked;
      changed();
    });
    marks.append(el('label', { className: 'correct', htmlFor: pin.id, title: t('editor.optionPinned', { n }) }, pin, t('editor.pinned')));
    const remove = el('button', { type: 'button', className: 'icon', textContent: '✕', disabled: q.options.length <= LIMITS.minOptions, ariaLabel: t('editor.removeOption', { n }), title: t('editor.removeOption', { n }) });
    remove.addEventListener('click', () => {
      q.options.splice(i, 1);
      if (q.type === 'single' && !q.options.some((x) => x.correct) && q.options[0]) q.options[0].correct = true;
      renderQuestionEditor();
      changed();
    });
    box.append(el('div', { className: 'opt' }, swatch, input, marks, remove, error));
  });
  const add = el('button', { type: 'button', textContent: t('editor.addOption'), disabled: q.options.length >= LIMITS.maxOptions });
  add.addEventListener('click', () => {
    q.options.push({ text: {}, correct: false, pinned: false });
    renderQuestionEditor();
    changed();
    qedit.querySelector<HTMLInputElement>(`#opt-${q.options.length - 1}`)?.focus();
  });
  box.append(errorSlot('options', questionSlots), add, el('p', { className: 'hint' }, t('editor.pinnedHint')));
  return box;
}

function itemRows(q: DraftQuestion): HTMLElement {
  const box = el('fieldset', {}, el('legend', {}, t(`editor.types.order`)), el('p', { className: 'hint' }, t('editor.itemsHint')));
  q.items.forEach((item, i) => {
    const n = i + 1;
    const input = textInput(item, LIMITS.optionChars);
    input.id = `item-${i}`;
    input.setAttribute('aria-label', t('editor.item', { n }));
    input.placeholder = t('editor.item', { n });
    const error = el('p', { className: 'field-error', id: `item-${i}-err` });
    input.setAttribute('aria-describedby', `item-${i}-err`);
    questionSlots.set(`items.${i}`, { control: input, error });
    const remove = el('button', { type: 'button', className: 'icon', textContent: '✕', disabled: q.items.length <= LIMITS.minOrderItems, ariaLabel: t('editor.removeItem', { n }), title: t('editor.removeItem', { n }) });
    remove.addEventListener('click', () => {
      q.items.splice(i, 1);
      renderQuestionEditor();
      changed();
    });
    box.append(el('div', { className: 'opt' }, el('span', { className: 'swatch', textContent: String(n) }), input, el('span'), remove, error));
  });
  const add = el('button', { type: 'button', textContent: t('editor.addItem'), disabled: q.items.length >= LIMITS.maxOrderItems });
  add.addEventListener('click', () => {
    q.items.push({});
    renderQuestionEditor();
    changed();
    qedit.querySelector<HTMLInputElement>(`#item-${q.items.length - 1}`)?.focus();
  });
  box.append(errorSlot('items', questionSlots), add);
  return box;
}

function typeFields(q: DraftQuestion): HTMLElement {
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'poll':
      return optionRows(q);
    case 'order':
      return itemRows(q);
    case 'truefalse': {
      const radio = (value: boolean) => {
        const r = el('input', { type: 'radio', name: 'tf', id: `tf-${value}`, checked: q.answer === value });
        r.addEventListener('change', () => {
          q.answer = value;
          changed();
        });
        return el('label', { className: 'correct', htmlFor: r.id }, r, t(value ? 'answer.true' : 'answer.false'));
      };
      return el('fieldset', {}, el('legend', {}, t('editor.statementIs')), el('div', { className: 'actions' }, radio(true), radio(false)));
    }
    case 'numeric':
      return el(
        'div',
        { className: 'grid2' },
        field(t('editor.min'), numberInput(() => q.min, (n) => (q.min = n)), 'min', questionSlots),
        field(t('editor.max'), numberInput(() => q.max, (n) => (q.max = n)), 'max', questionSlots),
        field(t('editor.step'), numberInput(() => q.step, (n) => (q.step = n)), 'step', questionSlots),
        field(t('editor.answer'), numberInput(() => q.value, (n) => (q.value = n)), 'answer', questionSlots),
        field(t('editor.tolerance'), numberInput(() => q.tolerance, (n) => (q.tolerance = n), { min: 0 }), 'tolerance', questionSlots),
        field(t('editor.unit'), textInput(q.unit, LIMITS.unitChars), 'unit', questionSlots),
      );
  }
}

function renderQuestionEditor(): void {
  questionSlots = new Map();
  const qs = state.draft.questions;
  const q = qs[state.selected];
  if (!q) {
    qedit.replaceChildren();
    return;
  }
  const heading = el('h2', { id: 'editing' }, t('editor.editing', { n: state.selected + 1, total: qs.length }));
  const type = el('select', { id: 'q-type' }, ...QUESTION_TYPES.map((ty) => el('option', { value: ty, textContent: t(`editor.types.${ty}`) })));
  type.value = q.type;
  type.addEventListener('change', () => {
    q.type = type.value as QuestionType;
    if (q.type === 'single' && q.options.filter((o) => o.correct).length !== 1) q.options.forEach((o, j) => (o.correct = j === 0));
    renderQuestionEditor();
    changed();
    $('q-type').focus();
  });
  const text = textInput(q.text, LIMITS.questionChars, true);
  text.id = 'q-text';
  const time = numberInput(() => q.timeLimitSec, (n) => (q.timeLimitSec = n), { step: '1', min: LIMITS.minTimeSec, max: LIMITS.maxTimeSec });
  time.id = 'q-time';
  const topic = el('select', { id: 'q-topic' }, el('option', { value: '', textContent: t('editor.noTopic') }), ...TOPICS.map((tp) => el('option', { value: tp, textContent: t(`topic.${tp}`) })));
  topic.value = q.topic;
  topic.addEventListener('change', () => {
    q.topic = (TOPICS as readonly string[]).includes(topic.value) ? (topic.value as DraftQuestion['topic']) : '';
    changed();
  });
  const difficulty = el('select', { id: 'q-difficulty' }, ...([1, 2, 3] as const).map((d) => el('option', { value: String(d), textContent: t(`editor.difficulties.${['easy', 'medium', 'hard'][d - 1]}`) })));
  difficulty.value = String(q.difficulty);
  difficulty.addEventListener('change', () => {
    const d = Number(difficulty.value);
    q.difficulty = d === 1 || d === 3 ? d : 2;
    changed();
  });
  const concept = el('input', { type: 'text', id: 'q-concept', value: q.concept, maxLength: LIMITS.conceptChars + 20, spellcheck: false });
  concept.addEventListener('input', () => {
    q.concept = concept.value;
    changed();
  });
  const explanation = textInput(q.explanation, LIMITS.explanationChars, true);
  explanation.id = 'q-explanation';
  qedit.replaceChildren(
    heading,
    el('div', { className: 'grid2' }, field(t('editor.type'), type, 'type', questionSlots), field(t('editor.timeLimit'), time, 'timeLimitSec', questionSlots, t('editor.timeLimitHint'))),
    field(t('editor.text'), text, 'text', questionSlots),
    typeFields(q),
    el('div', { className: 'grid2' }, field(t('editor.topic'), topic, 'topic', questionSlots), field(t('editor.difficulty'), difficulty, 'difficulty', questionSlots)),
    field(t('editor.concept'), concept, 'concept', questionSlots, t('editor.conceptHint')),
    field(t('editor.explanation'), explanation, 'explanation', questionSlots),
    questionFair,
  );
}

// ---------- saving, loading, importing ----------

function showServerProblems(error: string, problems: ServerProblem[]): void {
  problemsBox.hidden = false;
  problemsBox.replaceChildren(
    el('p', { className: 'status' }, problems.length > 0 ? t('editor.importProblems') : error || t('editor.network')),
    ...(problems.length > 0 ? [el('ul', {}, ...problems.map((p) => el('li', {}, t('editor.problemRow', { row: p.row, field: p.field, message: p.message }))))] : []),
  );
}

function showEditLink(): void {
  if (!state.id) {
    linkBox.hidden = true;
    exportLinks.hidden = true;
    return;
  }
  exportLinks.hidden = false;
  exportLinks.replaceChildren(
    el('a', { href: setsApi.exportUrl(state.id, 'json'), download: '', id: 'export-json', textContent: t('editor.exportJson') }),
    el('a', { href: setsApi.exportUrl(state.id, 'csv'), download: '', id: 'export-csv', textContent: t('editor.exportCsv') }),
    el('a', { href: `/host?set=${encodeURIComponent(state.id)}&lang=${currentLang()}`, id: 'play-set', textContent: t('editor.play') }),
  );
  linkBox.hidden = !state.token;
  if (!state.token) return;
  const url = editLink(location.origin, state.id, state.token);
  const input = el('input', { type: 'text', readOnly: true, value: url, id: 'edit-link' });
  const copy = el('button', { type: 'button', textContent: t('editor.copy') });
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(url);
      copy.textContent = t('editor.copied');
    } catch {
      document.execCommand?.('copy');
    }
  });
  linkBox.replaceChildren(el('label', { htmlFor: 'edit-link', textContent: t('editor.editLink') }), el('div', { className: 'actions' }, input, copy), el('p', { className: 'hint' }, t('editor.keepIt')));
}

function pageUrl(): string {
  const q = new URLSearchParams(location.search);
  const l = q.get('lang');
  if (!state.id) return `/host/sets${l ? `?lang=${l}` : ''}`;
  const link = editLink('', state.id, state.token, l ?? undefined);
  return link;
}

async function save(button: HTMLButtonElement): Promise<void> {
  problemsBox.hidden = true;
  const count = problemCount();
  if (count > 0) {
    status(t('editor.fixFirst', { count }), true);
    refresh();
    const bad = state.draft.questions.findIndex((q) => checkQuestion(q).length > 0);
    if (checkSetFields(state.draft).length > 0) $('set-title').focus();
    else if (bad >= 0) {
      select(bad);
      qedit.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
    return;
  }
  button.disabled = true;
  status(t('editor.saving'));
  const body = toSet(state.draft);
  const res = state.id && state.token ? await setsApi.update(state.id, state.token, body) : await setsApi.create(body);
  button.disabled = false;
  if (!res.ok) {
    status(res.error || t('editor.network'), true);
    if (res.problems.length > 0 || res.status === 0) showServerProblems(res.error, res.problems);
    return;
  }
  const created = res.value as { id: string; editToken?: string };
  if (created.editToken) {
    state.id = created.id;
    state.token = created.editToken;
    notice.hidden = true;
  }
  rememberSet({ id: state.id!, token: state.token!, title: state.draft.title.trim(), savedAt: Date.now() });
  history.replaceState(null, '', pageUrl());
  state.dirty = false;
  status(t('editor.saved'));
  showEditLink();
  renderMySets();
}

async function removeSet(): Promise<void> {
  if (!state.id || !state.token || !confirm(t('editor.deleteConfirm'))) return;
  const res = await setsApi.remove(state.id, state.token);
  if (!res.ok && res.status !== 404) {
    status(res.error || t('editor.network'), true);
    return;
  }
  forgetSet(state.id);
  startNew();
  status(t('editor.deleted'));
}

function startNew(): void {
  state.draft = newSet(state.draft.lang ?? currentLang());
  state.id = undefined;
  state.token = undefined;
  state.selected = 0;
  state.dirty = false;
  notice.hidden = true;
  problemsBox.hidden = true;
  history.replaceState(null, '', pageUrl());
  renderAll();
  status('');
}

async function open(id: string, token: string | undefined): Promise<void> {
  const res = await setsApi.get(id);
  if (!res.ok) {
    startNew();
    status(res.status === 404 ? t('editor.notFound') : res.error || t('editor.network'), true);
    return;
  }
  const set: QuestionSet = res.value;
  state.draft = fromSet(set, currentLang());
  state.id = id;
  state.token = token;
  state.selected = 0;
  state.dirty = false;
  problemsBox.hidden = true;
  notice.hidden = Boolean(token);
  notice.textContent = t('editor.readOnly');
  if (token) rememberSet({ id, token, title: set.title, savedAt: Date.now() });
  history.replaceState(null, '', pageUrl());
  renderAll();
  status('');
}

async function importFile(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  problemsBox.hidden = true;
  status(t('editor.importing'));
  const res = await setsApi.importFile(file, { title: file.name.replace(/\.[^.]+$/, '').slice(0, LIMITS.titleChars), lang: state.draft.lang });
  input.value = '';
  if (!res.ok) {
    status(res.error || t('editor.network'), true);
    showServerProblems(res.error, res.problems);
    return;
  }
  await open(res.value.id, res.value.editToken);
  status(t('editor.imported', { count: state.draft.questions.length }));
}

// ---------- page ----------

function renderMySets(): void {
  const ul = $<HTMLUListElement>('my-sets');
  const sets = mySets();
  const l = new URLSearchParams(location.search).get('lang') ?? undefined;
  ul.replaceChildren(
    ...(sets.length === 0
      ? [el('li', { className: 'muted' }, t('editor.mySetsEmpty'))]
      : sets.map((s) => el('li', {}, el('a', { href: editLink('', s.id, s.token, l), ariaCurrent: s.id === state.id ? 'page' : 'false', textContent: s.title || s.id })))),
  );
}

function renderAll(): void {
  const saveButton = el('button', { type: 'button', className: 'primary', id: 'save', textContent: t('editor.save') });
  saveButton.addEventListener('click', () => void save(saveButton));
  const add = el('button', { type: 'button', id: 'add-question', textContent: t('editor.addQuestion'), disabled: state.draft.questions.length >= LIMITS.maxQuestionsPerSet });
  add.addEventListener('click', () => {
    const qs = state.draft.questions;
    if (qs.length >= LIMITS.maxQuestionsPerSet) return;
    qs.push(newQuestion(qs.map((q) => q.id)));
    select(qs.length - 1);
    changed();
    $('q-text').focus();
  });
  const del = el('button', { type: 'button', className: 'danger', id: 'delete-set', textContent: t('editor.deleteSet'), hidden: !state.token });
  del.addEventListener('click', () => void removeSet());
  main().replaceChildren(
    notice,
    renderSetFields(),
    el('h2', {}, t('editor.questions')),
    list,
    errorSlot('questions', setSlots),
    el('div', { className: 'actions' }, add),
    qedit,
    el('div', { className: 'actions' }, saveButton, del, statusLine),
    problemsBox,
    linkBox,
    exportLinks,
  );
  notice.textContent = t('editor.readOnly');
  renderQuestionEditor();
  showEditLink();
  renderMySets();
  refresh();
}

async function start(): Promise<void> {
  $('preview-section').append(fairBox);
  const uiLang = await initI18n();
  applyI18n(document.body);
  document.title = `Uptime Arena — ${t('editor.pageTitle')}`;
  const langSelect = $<HTMLSelectElement>('ui-lang');
  langSelect.value = uiLang;
  langSelect.addEventListener('change', async () => {
    const l = isLang(langSelect.value) ? langSelect.value : 'es';
    await setLang(l);
    const q = new URLSearchParams(location.search);
    q.set('lang', l);
    history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`);
    $<HTMLAnchorElement>('back').href = `/host?lang=${l}`;
    $<HTMLAnchorElement>('template').href = setsApi.templateUrl(l);
    renderAll();
  });
  $<HTMLAnchorElement>('back').href = `/host${new URLSearchParams(location.search).has('lang') ? `?lang=${uiLang}` : ''}`;
  $<HTMLAnchorElement>('template').href = setsApi.templateUrl(uiLang);
  $('new-set').addEventListener('click', () => {
    if (state.dirty && !confirm(t('editor.unsaved'))) return;
    startNew();
  });
  const fileInput = $<HTMLInputElement>('import-file');
  fileInput.addEventListener('change', () => void importFile(fileInput));
  window.addEventListener('hashchange', () => location.reload());
  window.addEventListener('beforeunload', (ev) => {
    if (state.dirty) ev.preventDefault();
  });

  state.draft = newSet(uiLang);
  const id = new URLSearchParams(location.search).get('id');
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
  if (id) {
    renderAll();
    await open(id, fromHash ?? mySets().find((s) => s.id === id)?.token);
  } else renderAll();
}

void start();
