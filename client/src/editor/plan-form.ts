// The plan part of the host's setup form: a "Custom plan" choice next to the built-in plans
// (topics, quiz rounds, questions per round, seconds per question, speed scoring, scenario
// rounds) and, for any plan, the question source: the bank or one of "my sets" (or a pasted
// edit link). It produces the POST /api/games fields, checked with the shared schema first.
import i18next from 'i18next';
import { TOPICS } from '../../../shared/content/topics.ts';
import { pick } from '../../../shared/i18n-types.ts';
import { CUSTOM_PLAN_ID, CUSTOM_PLAN_LIMITS as L, customPlanSchema, type CustomPlanInput } from '../../../shared/rules/custom-plan.ts';
import { SCENARIOS } from '../../../shared/sim/scenarios.ts';
import { currentLang, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { mySets, setIdFrom } from './api.ts';

export type PlanChoice = { ok: true; plan: string | CustomPlanInput; setId?: string } | { ok: false; error: string };

const LINK_VALUE = '';

function labelled(input: HTMLInputElement, key: string): HTMLLabelElement {
  const text = el('span', {}, t(key));
  text.dataset.i18n = key;
  return el('label', { className: 'check' }, input, text);
}

function numberField(id: string, key: string, min: number, max: number, value: number): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = el('input', { id, type: 'number', min: String(min), max: String(max), step: '1', value: String(value) });
  const label = el('label', { htmlFor: id });
  label.dataset.i18n = key;
  label.textContent = t(key);
  return { wrap: el('div', {}, label, input), input };
}

/** Adds the plan options under the plan select; the host page calls `choice()` on submit. */
/** `speed`: the page's own "Speed scoring" switch, which a custom plan takes as its setting too. */
export function mountPlanForm(container: HTMLElement, planSelect: HTMLSelectElement, speed: HTMLInputElement) {
  const topicBoxes = TOPICS.map((topic) => {
    const box = el('input', { type: 'checkbox', value: topic, checked: topic === 'intro' || topic === 'protocols' });
    return { topic, box, label: labelled(box, `topic.${topic}`) };
  });
  const rounds = numberField('plan-rounds', 'plan.quizRounds', L.minQuizRounds, L.maxQuizRounds, 1);
  const perRound = numberField('plan-count', 'plan.perRound', L.minQuestionsPerRound, L.maxQuestionsPerRound, L.defaultQuestionsPerRound);
  const seconds = numberField('plan-seconds', 'plan.timePerQuestion', L.minTimeSec, L.maxTimeSec, L.defaultTimeSec);
  const scenarioBoxes = SCENARIOS.map((card) => {
    const box = el('input', { type: 'checkbox', value: card.id });
    const text = el('span', {}, pick(card.title, currentLang()));
    return { card, box, text, label: el('label', { className: 'check' }, box, text) };
  });
  const legend = (key: string) => {
    const l = el('legend', { textContent: t(key) });
    l.dataset.i18n = key;
    return l;
  };
  const custom = el(
    'fieldset',
    { className: 'plan-custom', id: 'custom-plan', hidden: true },
    legend('plan.custom'),
    el('fieldset', {}, legend('plan.topics'), el('div', { className: 'checks' }, ...topicBoxes.map((x) => x.label))),
    el('div', { className: 'nums' }, rounds.wrap, perRound.wrap, seconds.wrap),
    el('fieldset', {}, legend('plan.scenarios'), el('div', { className: 'checks' }, ...scenarioBoxes.map((x) => x.label))),
  );

  const source = el('select', { id: 'plan-set' });
  const sourceLabel = el('label', { htmlFor: 'plan-set', textContent: t('plan.useSet') });
  sourceLabel.dataset.i18n = 'plan.useSet';
  const paste = el('input', { type: 'text', id: 'plan-set-link', autocomplete: 'off', spellcheck: false });
  const pasteLabel = el('label', { htmlFor: 'plan-set-link', textContent: t('plan.pasteLink') });
  pasteLabel.dataset.i18n = 'plan.pasteLink';
  const hint = el('p', { className: 'hint', textContent: t('plan.setHint') });
  hint.dataset.i18n = 'plan.setHint';
  const editorLink = el('a', { href: '/host/sets', id: 'open-editor', textContent: t('plan.openEditor') });
  editorLink.dataset.i18n = 'plan.openEditor';
  const wanted = new URLSearchParams(location.search).get('set');

  const fillSources = () => {
    const current = source.value || wanted || '';
    const sets = mySets();
    source.replaceChildren(el('option', { value: LINK_VALUE, textContent: t('plan.bank') }), ...sets.map((s) => el('option', { value: s.id, textContent: s.title || s.id })));
    if (current && sets.some((s) => s.id === current)) source.value = current;
    else if (current && !paste.value) paste.value = current;
    editorLink.href = `/host/sets${location.search.includes('lang=') ? `?lang=${currentLang()}` : ''}`;
  };
  fillSources();

  container.replaceChildren(custom, el('div', { className: 'plan-source' }, sourceLabel, source, pasteLabel, paste, hint, editorLink));
  const toggle = () => (custom.hidden = planSelect.value !== CUSTOM_PLAN_ID);
  planSelect.addEventListener('change', toggle);
  i18next.on('languageChanged', () => {
    for (const x of scenarioBoxes) x.text.textContent = pick(x.card.title, currentLang());
    fillSources();
  });

  return {
    /** The option to put at the end of the plan select. */
    option: () => el('option', { value: CUSTOM_PLAN_ID, textContent: t('plan.custom') }),
    /** Call after the select's options were rebuilt. */
    sync: toggle,
    choice(): PlanChoice {
      let setId: string | undefined = source.value || undefined;
      if (!setId && paste.value.trim()) {
        setId = setIdFrom(paste.value);
        if (!setId) return { ok: false, error: t('plan.badLink') };
      }
      if (planSelect.value !== CUSTOM_PLAN_ID) return { ok: true, plan: planSelect.value, ...(setId ? { setId } : {}) };
      const plan: CustomPlanInput = {
        kind: 'custom',
        topics: topicBoxes.filter((x) => x.box.checked).map((x) => x.topic),
        quizRounds: rounds.input.valueAsNumber,
        questionsPerRound: perRound.input.valueAsNumber,
        timeLimitSec: seconds.input.valueAsNumber,
        speedScoring: speed.checked,
        scenarios: scenarioBoxes.filter((x) => x.box.checked).map((x) => x.card.id),
      };
      if ((plan.topics ?? []).length === 0 && !setId) return { ok: false, error: t('plan.pickTopic') };
      const checked = customPlanSchema.safeParse(plan);
      if (!checked.success) {
        const field = String(checked.error.issues[0]?.path[0] ?? '');
        const which = { quizRounds: rounds, questionsPerRound: perRound, timeLimitSec: seconds }[field];
        which?.input.focus();
        const label = which ? which.wrap.querySelector('label')!.textContent : field;
        return { ok: false, error: `${label}: ${t('editor.err.range', { min: which?.input.min ?? '', max: which?.input.max ?? '' })}` };
      }
      return { ok: true, plan, ...(setId ? { setId } : {}) };
    },
  };
}
