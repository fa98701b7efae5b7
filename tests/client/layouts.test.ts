// Every projector screen's texts fit their boxes, measured with the same fitting function and
// layouts the scenes draw with (and a wide font's widths): the bank's questions in es and en at
// the legible size (READ_MIN: 24 px on a 1280×720 screen), a teacher's longest texts at least
// at the floor, and the ops center and round report with 8 teams and worst-case values.
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { loadBank } from '../../server/content/load-bank.ts';
import { CATALOGS } from '../../shared/i18n/index.ts';
import type { Lang } from '../../shared/i18n-types.ts';
import { LIMITS } from '../../shared/content/limits.ts';
import type { Question } from '../../shared/content/schema.ts';
import { tableMeasure as measure } from '../helpers/measure.ts';
import { FLOOR, READ_MIN, type TextItem } from '../../client/src/scenes/host/layout/text.ts';
import { layoutAnswered, layoutQuestion } from '../../client/src/scenes/host/layout/question.ts';
import { layoutReveal } from '../../client/src/scenes/host/layout/reveal.ts';
import { layoutTeams } from '../../client/src/scenes/host/layout/lobby.ts';
import { layoutFocus, layoutTile, tileBoxes } from '../../client/src/scenes/host/layout/ops.ts';
import { layoutReport } from '../../client/src/scenes/host/layout/report.ts';
import { rightAnswerText } from '../../client/src/view/answers.ts';
import type { GameView } from '../../client/src/view/model.ts';
import { t } from '../../client/src/i18n.ts';

const LANGS: Lang[] = ['es', 'en'];
const bank = loadBank();

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: CATALOGS.en }, es: { translation: CATALOGS.es } }, interpolation: { escapeValue: false } });
});

/** Fits without cutting, at `min` px or more, every line within its box's width. */
function expectFits(item: TextItem, min = READ_MIN): void {
  const label = `"${item.text}"`;
  expect(item.fit.fits, label).toBe(true);
  expect(item.fit.size, label).toBeGreaterThanOrEqual(min);
  expect(item.fit.height, label).toBeLessThanOrEqual(item.box.height + 0.01);
  for (const line of item.fit.lines) expect(measure(line, item.fit.size, item.bold), `${label}: ${line}`).toBeLessThanOrEqual(item.box.width + 0.01);
}

function labelsOf(q: Question, lang: Lang): string[] {
  switch (q.type) {
    case 'truefalse':
      return [CATALOGS[lang].answer.true, CATALOGS[lang].answer.false];
    case 'order':
      return q.items.map((i) => i[lang] ?? '');
    case 'numeric':
      return [];
    default:
      return q.options.map((o) => o.text[lang] ?? '');
  }
}

/** The reveal's words for a bank question, as the scene builds them. */
function revealInput(q: Question, lang: Lang) {
  const labels = labelsOf(q, lang);
  const correct = q.type === 'single' || q.type === 'multi' ? q.options.flatMap((o, i) => (o.correct ? [i] : [])) : q.type === 'truefalse' ? [q.answer ? 0 : 1] : q.type === 'order' ? labels.map((_, i) => i) : [];
  const view = {
    question: { type: q.type, options: q.type === 'truefalse' ? [] : labels, unit: q.type === 'numeric' ? (q.unit?.[lang] ?? '') : '' },
    reveal: { correct, answer: q.type === 'numeric' ? q.answer : 0, tolerance: q.type === 'numeric' ? (q.tolerance ?? 0) : 0 },
  } as unknown as GameView;
  const marked = labels.map((l, i) => (q.type === 'poll' ? l : q.type === 'order' ? `${i + 1}. ${l}` : `${correct.includes(i) ? '✓' : '✗'} ${l}`));
  return { question: q.text[lang] ?? '', labels: marked, answer: rightAnswerText(view), why: q.explanation?.[lang] ?? '', whyLabel: CATALOGS[lang].host.explanation, answered: t('host.answered', { count: 2999, total: 3000 }) };
}

describe('the quiz screens fit the bank', () => {
  for (const lang of LANGS) {
    it(`question titles and answers, ${lang}`, async () => {
      await i18next.changeLanguage(lang);
      expect(bank.length).toBeGreaterThan(50);
      for (const q of bank) {
        const layout = layoutQuestion(measure, q.text[lang] ?? '', labelsOf(q, lang), q.type === 'order');
        expectFits(layout.title);
        for (const tile of layout.tiles) expectFits(tile.label);
      }
      expectFits(layoutAnswered(measure, t('host.answered', { count: 2999, total: 3000 })));
    });
    it(`the reveal: question, distribution labels, right answer, explanation, ${lang}`, async () => {
      await i18next.changeLanguage(lang);
      for (const q of bank) {
        const layout = layoutReveal(measure, revealInput(q, lang));
        expectFits(layout.question);
        expectFits(layout.answered);
        for (const row of layout.rows) expectFits(row.label);
        if (layout.answer) expectFits(layout.answer);
        if (layout.why) expectFits(layout.why);
      }
    });
  }

  it('a teacher’s longest texts shrink to the floor at worst, never cut', () => {
    const word = (n: number) => Array.from({ length: n }, (_, i) => ['distribuido', 'servidor', 'réplica', 'WWW', 'balanceador'][i % 5]).join(' ');
    const text = word(60).slice(0, LIMITS.questionChars);
    const options = Array.from({ length: LIMITS.maxOptions }, () => word(20).slice(0, LIMITS.optionChars));
    const q = layoutQuestion(measure, text, options, false);
    expectFits(q.title, FLOOR);
    for (const tile of q.tiles) expectFits(tile.label, FLOOR);
    const items = Array.from({ length: LIMITS.maxOrderItems }, () => word(20).slice(0, LIMITS.optionChars));
    for (const tile of layoutQuestion(measure, text, items, true).tiles) expectFits(tile.label, FLOOR);
    const r = layoutReveal(measure, { question: text, labels: options.map((o) => `✓ ${o}`), answer: `Right answer: ${options.join(' · ')}`.slice(0, 400), why: word(120).slice(0, LIMITS.explanationChars), whyLabel: 'Why', answered: '12 of 30 answered' });
    expectFits(r.question, FLOOR);
    for (const row of r.rows) expectFits(row.label, FLOOR);
    expectFits(r.answer!, FLOOR);
    expectFits(r.why!, FLOOR);
  });
});

describe('the lobby with 8 teams', () => {
  for (const lang of LANGS) {
    it(`team names and 20-character nicknames, ${lang}`, () => {
      const columns = layoutTeams(measure, CATALOGS[lang].teams.names);
      expect(columns).toHaveLength(8);
      for (const c of columns) {
        expectFits(c.name);
        expect(c.rows).toBeGreaterThanOrEqual(4);
        expect(c.nameBox(c.rows - 1).y + c.nameBox(c.rows - 1).height).toBeLessThanOrEqual(c.box.y + c.box.height + 0.01);
      }
    });
  }
});

/** The longest parameters an incident sentence gets (shared/sim/signal.ts). */
const WORST_PARAMS = (count: number) => ({ zone: 'B', count, pct: 100, ms: 60_000, slo: 500, rps: 99_999, sec: 999, seconds: 999 });

describe('the ops center with 8 teams', () => {
  const boxes = tileBoxes(8);
  it('lays the tiles out without overlap, inside the view', () => {
    for (const [i, a] of boxes.entries()) {
      expect(a.x + a.width).toBeLessThanOrEqual(1920);
      expect(a.y + a.height).toBeLessThanOrEqual(1080);
      for (const b of boxes.slice(i + 1)) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
    }
  });
  for (const lang of LANGS) {
    it(`tiles: rank, name, availability and every incident monitoring can name, ${lang}`, async () => {
      await i18next.changeLanguage(lang);
      const keys = [...new Set(Object.keys(CATALOGS[lang].ops.incident).map((k) => k.replace(/_(one|other)$/, '')))];
      expect(keys.length).toBeGreaterThan(10);
      const incidents = [t('ops.noIncident'), ...keys.flatMap((k) => [1, 10].map((n) => t(`ops.incident.${k}`, WORST_PARAMS(n))))];
      for (const [team, name] of CATALOGS[lang].teams.names.entries()) {
        const box = { ...boxes[team]!, x: 0, y: 0 };
        for (const incident of incidents) {
          const tile = layoutTile(measure, box, { rank: '8', name, now: '100,0 %', incident }, 5);
          expectFits(tile.rank);
          expectFits(tile.name);
          expectFits(tile.now);
          expectFits(tile.incident);
          const right = tile.hearts.x + tile.hearts.step * 4 + tile.hearts.size / 2;
          expect(right).toBeLessThanOrEqual(box.width);
          expect(tile.chips.at(-1)!.x + tile.chips.at(-1)!.width).toBeLessThanOrEqual(box.width);
          expect(tile.now.box.x + tile.now.fit.width).toBeLessThanOrEqual(tile.chips[0]!.x);
        }
      }
    });
    it(`the focused team: map labels, numbers, incident and feed, ${lang}`, async () => {
      await i18next.changeLanguage(lang);
      const c = CATALOGS[lang].ops;
      const feed = ['incident', 'detected', 'recovered', 'alert', 'action', 'refused', 'diagnosis', 'announcement'].map((kind) =>
        `${t('ops.ago', { s: 59 })} · ${kind === 'action' || kind === 'refused' ? t(`ops.feed.${kind}`, { detail: c.actions['circuit-breaker'] }) : kind === 'alert' ? t('ops.feed.alert', { detail: c.severity.ticket }) : kind === 'diagnosis' || kind === 'incident' ? `${t(`ops.feed.${kind}`)}: ${c.causes['config-error']}` : kind === 'announcement' ? t('ops.feed.announcement', { detail: c.causes['zone-outage'] }) : t(`ops.feed.${kind}`)}`,
      );
      const layout = layoutFocus(measure, { x: 0, y: 0, width: 692, height: 966 }, {
        name: CATALOGS[lang].teams.names[2]!,
        mode: t('ops.focusPinned'),
        labels: { users: t('ops.usersRate', { rps: '12.340' }), edge: c.components.edge, lb: c.components.lb, zoneA: t('ops.zone', { zone: 'A' }), zoneB: t('ops.zone', { zone: 'B' }), cache: c.components.cache, db: c.components.db, payments: c.components.payments },
        now: t('ops.now', { pct: '100,0 %' }),
        detail: t('ops.focusDetail', { round: '100,0 %', p95: '60.000', spend: '9.999' }),
        incident: t('ops.incident.configErrorLb'),
        feed,
      });
      for (const item of [layout.name, layout.mode, ...Object.values(layout.labels), layout.now, layout.detail, layout.incident!, ...layout.feed]) expectFits(item);
      expect(layout.feed.length).toBeGreaterThanOrEqual(2);
      const last = layout.feed.at(-1)!;
      expect(last.box.y + last.fit.height).toBeLessThanOrEqual(966);
    });
  }
});

describe('the round report with 8 teams', () => {
  for (const lang of LANGS) {
    it(`every cell fits, worst-case values, ${lang}`, async () => {
      await i18next.changeLanguage(lang);
      const c = CATALOGS[lang].ops.report;
      const names = CATALOGS[lang].teams.names;
      const layout = layoutReport(measure, {
        title: `${c.title}: ${CATALOGS[lang].ops.causes['db-primary-failure']}`,
        concept: 'A centralized system has a single point of failure; spreading the service over several instances and zones removes it, and a failover promotes a replica.',
        explain: t('ops.report.explain', { max: '1,000', budget: '1,000', factor: 3 }),
        headers: [c.team, c.availability, c.p95, c.cost, c.points, c.gameRank],
        rows: names.map((name, i) => [`${i + 1}. ${name}`, '100,00 %', '9.999 ms', '$999', '+3.150', '8 → 1 ▲']),
        incidentHeaders: [t('ops.report.incidentTimes', { incident: CATALOGS[lang].ops.causes['db-primary-failure'] }), t('ops.report.incidentTimes', { incident: CATALOGS[lang].ops.causes['instance-crash'] })],
        incidentRows: names.map(() => [`${c.never} / ${c.never}`, '120 s / 240 s']),
      });
      expect(layout.incidentColumns).toBeGreaterThanOrEqual(1);
      for (const item of [layout.title, layout.concept, layout.explain, ...layout.headers, ...layout.cells.flat()]) expectFits(item);
      const last = layout.rows.at(-1)!;
      expect(last.y + last.height).toBeLessThanOrEqual(1080);
    });
  }
});
