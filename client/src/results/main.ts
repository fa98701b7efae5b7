// The results page, /host/results?game=CODE: podium, per-question distributions, per-topic mastery
// (missed concepts first) and, per scenario round and team, the post-mortem over the curves, which
// actions helped or hurt (replayed in this browser) and a side-by-side replay. The host token
// comes from the URL fragment (#token=…, never sent to a server log) or from this browser's
// teacher console ('ua:host'); it is sent as a Bearer header only. A CSV download first asks the
// server for a short-lived download link, so the token never sits in a URL.
// The same page shows a homework's results (homework.ts): the teacher's over every attempt, with
// "Who played" for the podium, and a student's own attempt.
import './results.css';
import { isLang } from '../../../shared/i18n-types.ts';
import type { GameResults, ScenarioResult, ScenarioTeamResultDoc } from '../../../shared/rules/results.ts';
import { actionImpact, baseScore, DEBRIEF, playerActionIndices, postMortem, replayInputOf, replaySamples, sloOf, summarizeQuestion, topicMastery, type TimelineEntry } from '../../../shared/rules/debrief.ts';
import { getScenario } from '../../../shared/sim/index.ts';
import { applyI18n, initI18n, setLang, t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { TEAM_COLORS, TEAM_SHAPES, shapeSvg } from '../view/palette.ts';
import { timelineChart } from './chart.ts';
import { compareWidget } from './compare.ts';
import { entryText, KIND_COLOR, KIND_GLYPH, pct, simTime, teamLabel, useTeamNames } from './format.ts';
import { homeworkSource, homeworkStatus, homeworkToken, isHomework, studentsSection, type ResultsSource } from './homework.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = () => $<HTMLParagraphElement>('status');
const main = () => $<HTMLElement>('results');

function codeFromUrl(): string | null {
  const code = new URLSearchParams(location.search).get('game')?.trim().toUpperCase();
  return code && /^[A-Z0-9]{4,8}$/.test(code) ? code : null;
}

function tokenFor(code: string): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) return fromHash;
  try {
    const saved = JSON.parse(localStorage.getItem('ua:host') ?? 'null') as { code?: unknown; hostToken?: unknown } | null;
    if (saved && saved.code === code && typeof saved.hostToken === 'string') return saved.hostToken;
  } catch {
    // unreadable storage: ask for the token
  }
  return null;
}

function say(text: string, problem = false): void {
  status().textContent = text;
  status().classList.toggle('problem', problem);
}

/** A live game's results: GET /api/games/CODE/results with its host token. */
function gameSource(code: string): ResultsSource {
  return {
    what: code,
    url: `/api/games/${encodeURIComponent(code)}/results`,
    read: (json) => json as GameResults,
    heading: (r) => t('results.heading', { code: r.code, plan: r.planTitle }),
    csv: `/api/games/${encodeURIComponent(code)}`,
    noToken: t('results.noToken', { code }),
    badToken: t('results.badToken', { code }),
    notFound: t('results.notFound', { code }),
    tokenLabel: t('results.tokenLabel'),
  };
}

function askForToken(source: ResultsSource, message: string): void {
  say(message, true);
  const form = $<HTMLFormElement>('token-form');
  const input = $<HTMLInputElement>('token-input');
  form.querySelector('label')!.textContent = source.tokenLabel;
  form.hidden = false;
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const token = input.value.trim();
    if (token) void load(source, token);
  };
  input.focus();
}

async function load(source: ResultsSource, token: string): Promise<void> {
  say(t('results.loading'));
  let res: Response;
  try {
    res = await fetch(source.url, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch (err) {
    say(t('results.failed', { reason: err instanceof Error ? err.message : String(err) }), true);
    return;
  }
  if (res.status === 401 || res.status === 403) return askForToken(source, source.badToken);
  if (res.status === 404) return say(source.notFound, true);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    return say(t('results.failed', { reason: body.error ?? res.statusText }), true);
  }
  let results: GameResults;
  try {
    results = source.read(await res.json());
  } catch (err) {
    return say(err instanceof Error ? err.message : String(err), true);
  }
  $<HTMLFormElement>('token-form').hidden = true;
  if (isLang(results.lang)) await setLang(results.lang);
  render(results, token, source);
}

// ---------------------------------------------------------------- sections

function teamChip(team: number): HTMLElement {
  const chip = el('span', { className: 'chip' });
  chip.innerHTML = shapeSvg(TEAM_SHAPES[team % TEAM_SHAPES.length]!, TEAM_COLORS[team % TEAM_COLORS.length]);
  return chip;
}

function render(r: GameResults, token: string, source: ResultsSource): void {
  useTeamNames(r.teamNames);
  document.title = `${t('results.pageTitle')} — ${source.heading(r)}`;
  $('title').textContent = source.heading(r);
  say(isHomework(r) ? homeworkStatus(r) : r.phase === 'podium' ? '' : t('results.stillRunning'));
  const names = new Map(r.players.map((p) => [p.id, p.name]));
  const playerName = (id: string) => names.get(id) ?? id;
  // A student's own attempt has no podium: one player, one "team".
  const top = isHomework(r) ? [studentsSection(r)] : source.csv ? [podium(r)] : [];
  main().replaceChildren(downloads(r, token, source), ...top, topics(r), questions(r), scenarios(r, playerName));
  void analyse(r, playerName);
}

function downloads(r: GameResults, token: string, source: ResultsSource): HTMLElement {
  const csv = source.csv;
  const link = (kind: 'answers' | 'scenarios', label: string) =>
    el('button', {
      type: 'button',
      textContent: label,
      onclick: async () => {
        const res = await fetch(`${csv!}/downloads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
        const dl = res.ok ? ((await res.json()) as { token?: string }).token : undefined;
        if (!dl) return;
        const a = el('a', { href: `${csv!}/${kind}.csv?dl=${encodeURIComponent(dl)}`, download: `uptime-arena-${r.code}-${kind}.csv` });
        document.body.append(a);
        a.click();
        a.remove();
      },
    });
  return el(
    'section',
    { className: 'downloads no-print', ariaLabel: t('results.downloads') },
    ...(csv ? [link('answers', t('results.downloadAnswers'))] : []),
    ...(csv && r.scenarios.length > 0 ? [link('scenarios', t('results.downloadScenarios'))] : []),
    el('button', { type: 'button', textContent: t('results.print'), onclick: () => window.print() }),
  );
}

function podium(r: GameResults): HTMLElement {
  const teams = [...r.teams].sort((a, b) => a.rank - b.rank);
  const top = [...r.players].sort((a, b) => a.rank - b.rank).slice(0, 5);
  return el(
    'section',
    { className: 'card podium' },
    el('h2', { textContent: t('results.podium') }),
    el('ol', { className: 'teams' }, ...teams.map((tm) => el('li', { className: `rank-${tm.rank}` }, el('span', { className: 'rank', textContent: `${tm.rank}.` }), teamChip(tm.team), el('span', { className: 'name', textContent: teamLabel(tm.team) }), el('span', { className: 'score', textContent: t('results.pts', { points: tm.score }) })))),
    el('h3', { textContent: t('results.topPlayers') }),
    el('ol', { className: 'players' }, ...top.map((p) => el('li', {}, el('span', { className: 'rank', textContent: `${p.rank}.` }), teamChip(p.team), el('span', { className: 'name', textContent: p.name }), el('span', { className: 'score', textContent: t('results.pts', { points: p.score }) })))),
  );
}

function bar(share: number, extraClass = ''): HTMLElement {
  const fill = el('span', { className: 'fill' });
  fill.style.width = `${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%`;
  return el('span', { className: `bar ${extraClass}` }, fill);
}

function topics(r: GameResults): HTMLElement {
  const rows = topicMastery(r);
  return el(
    'section',
    { className: 'card topics' },
    el('h2', { textContent: t('results.topics') }),
    el('p', { className: 'muted', textContent: t('results.topicsIntro') }),
    rows.length === 0
      ? el('p', { textContent: t('results.noQuestions') })
      : el(
          'ol',
          { className: 'mastery' },
          ...rows.map((m) =>
            el(
              'li',
              { className: m.missed ? 'missed' : '' },
              el('span', { className: 'label', textContent: m.topic ? t(`topic.${m.topic}`) : t('results.noTopic') }),
              bar(m.mastery, m.missed ? 'bad' : 'good'),
              el('span', { className: 'value', textContent: t('results.topicDetail', { pct: pct(m.mastery), count: m.questions }) }),
              ...(m.missed ? [el('span', { className: 'badge', textContent: `⚠ ${t('results.missed')}` })] : []),
            ),
          ),
        ),
  );
}

function questions(r: GameResults): HTMLElement {
  const section = el('section', { className: 'card questions' }, el('h2', { textContent: t('results.questions') }));
  if (r.questions.length === 0) section.append(el('p', { textContent: t('results.noQuestions') }));
  for (const q of r.questions) {
    const s = summarizeQuestion(q);
    const total = Math.max(1, q.answered);
    const meta = [t('results.answered', { answered: q.answered, eligible: q.eligible })];
    if (q.skipped) meta.push(t('results.skipped'));
    if (q.type === 'poll') meta.push(t('results.poll'));
    if (s.mastery !== null) meta.push(t('results.classMastery', { pct: pct(s.mastery) }));
    const right = q.type === 'poll' ? '' : rightAnswerLine(s.bars, q);
    section.append(
      el(
        'article',
        { className: 'question' },
        el('h3', {}, el('span', { className: 'muted', textContent: `${t('results.questionN', { round: q.round + 1, n: q.index + 1 })} · ${q.topic ? t(`topic.${q.topic}`) : ''}` }), el('br'), q.text),
        el('p', { className: 'muted', textContent: meta.join(' · ') }),
        el(
          'ul',
          { className: 'dist' },
          ...s.bars.map((b) =>
            el(
              'li',
              { className: b.correct && q.type !== 'poll' ? 'correct' : '' },
              el('span', { className: 'mark', textContent: b.correct && q.type !== 'poll' ? '✓' : '', title: b.correct ? t('results.rightMark') : '' }),
              ...(b.correct && q.type !== 'poll' ? [el('span', { className: 'sr-only', textContent: `${t('results.rightMark')}: ` })] : []),
              el('span', { className: 'label', textContent: b.bucket === 'option' ? b.label : t(`results.numeric.${b.bucket}`) }),
              bar(b.count / total, b.correct && q.type !== 'poll' ? 'good' : 'neutral'),
              el('span', { className: 'value', textContent: String(b.count) }),
            ),
          ),
        ),
        ...(q.type === 'order' ? [el('p', { className: 'muted small', textContent: t('results.orderNote') })] : []),
        ...(right ? [el('p', { className: 'right', textContent: `✓ ${right}` })] : []),
      ),
    );
  }
  return section;
}

function rightAnswerLine(bars: ReturnType<typeof summarizeQuestion>['bars'], q: GameResults['questions'][number]): string {
  if (q.type === 'numeric' && q.numeric) return t('results.rightAnswer', { answer: `${q.numeric.answer}${q.numeric.tolerance ? ` ± ${q.numeric.tolerance}` : ''}${q.numeric.unit ? ` ${q.numeric.unit}` : ''}` });
  const words = bars.filter((b) => b.correct).map((b) => b.label);
  return words.length ? t('results.rightAnswer', { answer: words.join(q.type === 'order' ? ' > ' : ' + ') }) : '';
}

// ---------------------------------------------------------------- scenario rounds

/** Slots the asynchronous analysis fills: per round and team. */
const slots = new Map<string, { timeline: HTMLElement; impacts: HTMLElement }>();
const slotKey = (round: number, team: number) => `${round}:${team}`;

function scenarios(r: GameResults, playerName: (id: string) => string): HTMLElement {
  const section = el('section', { className: 'card scenarios' }, el('h2', { textContent: t('results.scenarios') }));
  if (r.scenarios.length === 0) section.hidden = true;
  slots.clear();
  for (const s of r.scenarios) {
    const round = el('section', { className: 'round' }, el('h3', { textContent: t('results.roundTitle', { n: s.round + 1, title: s.title }) }));
    for (const team of s.teams) {
      const timeline = el('div', { className: 'timeline' });
      const impacts = el('div', { className: 'impacts' });
      slots.set(slotKey(s.round, team.team), { timeline, impacts });
      renderTimeline(timeline, s, team, team.history, playerName);
      impacts.append(el('h5', { textContent: t('results.impacts') }), el('p', { className: 'muted small', textContent: playerActionIndices(team.log).length ? t('results.analysing') : t('results.noActions') }));
      round.append(
        el(
          'article',
          { className: 'team-round' },
          el('h4', {}, teamChip(team.team), ` ${teamLabel(team.team)}`),
          el('p', { className: 'report', textContent: t('results.teamReport', { availability: pct(team.report.availability, 2), p95: team.report.p95LatencyMs, cost: team.report.cost, score: team.report.score, points: team.points }) }),
          timeline,
          impacts,
        ),
      );
    }
    const cmp = compareWidget(s, playerName);
    if (cmp) round.append(cmp);
    else if (!getScenario(s.cardId)) round.append(el('p', { className: 'muted', textContent: t('results.unknownCard') }));
    section.append(round);
  }
  return section;
}

function renderTimeline(box: HTMLElement, s: ScenarioResult, team: ScenarioTeamResultDoc, history: GameResults['scenarios'][number]['teams'][number]['history'], playerName: (id: string) => string): void {
  const slo = sloOf(getScenario(s.cardId));
  const entries = postMortem(team, slo, s.durationTicks, history);
  const describe = (e: TimelineEntry) => entryText(e, playerName);
  const chart = timelineChart(team.history, entries, { slo, endTick: s.endedAtTick ?? s.durationTicks, label: t('results.chartLabel', { team: teamLabel(team.team) }), describe });
  const used = [...new Set(entries.map((e) => e.kind))];
  box.replaceChildren(
    el('h5', { textContent: t('results.timeline') }),
    chart,
    el('ul', { className: 'legend' }, ...used.map((k) => el('li', {}, glyph(k), ` ${t(`results.kinds.${k}`)}`))),
    entries.length === 0
      ? el('p', { className: 'muted', textContent: t('results.noTimeline') })
      : el(
          'ol',
          { className: 'events' },
          ...entries.map((e) => el('li', { className: `kind-${e.kind}` }, el('time', { textContent: simTime(e.tick) }), glyph(e.kind), el('strong', { textContent: ` ${t(`results.kinds.${e.kind}`)}` }), describe(e) ? `: ${describe(e)}` : '')),
        ),
  );
}

function glyph(kind: TimelineEntry['kind']): HTMLElement {
  const g = el('span', { className: 'glyph', textContent: KIND_GLYPH[kind], ariaHidden: 'true' });
  g.style.color = KIND_COLOR[kind];
  return g;
}

const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Per team: an exact per-tick replay for the first symptom, then each action replayed away, yielding between replays. */
async function analyse(r: GameResults, playerName: (id: string) => string): Promise<void> {
  for (const s of r.scenarios) {
    for (const team of s.teams) {
      const slot = slots.get(slotKey(s.round, team.team));
      const input = replayInputOf(s, team);
      if (!slot || !input) continue;
      await idle();
      renderTimeline(slot.timeline, s, team, replaySamples(input), playerName);
      const actions = playerActionIndices(team.log);
      if (actions.length === 0) continue;
      const base = baseScore(input);
      const n = Math.min(DEBRIEF.maxActionsReplayed, actions.length);
      const list = el('ol', { className: 'impact-list' });
      for (let i = 0; i < n; i++) {
        await idle();
        const imp = actionImpact(input, base, actions[i]!);
        const sign = imp.delta > 0 ? '+' : '';
        const mark = imp.verdict === 'helped' ? '▲' : imp.verdict === 'hurt' ? '▼' : '＝';
        list.append(
          el(
            'li',
            { className: imp.verdict },
            el('span', { className: 'verdict', textContent: `${mark} ${t(`results.${imp.verdict}`)}` }),
            el('time', { textContent: simTime(imp.entry.tick) }),
            el('span', { textContent: entryText({ tick: imp.entry.tick, kind: 'action', incident: null, detail: imp.entry.action.type, playerId: imp.entry.playerId, action: imp.entry.action }, playerName) }),
            el('span', { className: 'delta', textContent: t('results.delta', { delta: `${sign}${imp.delta}` }) }),
          ),
        );
      }
      slot.impacts.replaceChildren(
        el('h5', { textContent: t('results.impacts') }),
        el('p', { className: 'muted small', textContent: t('results.impactsIntro') }),
        list,
        ...(actions.length > n ? [el('p', { className: 'muted small', textContent: t('results.notAnalysed', { count: actions.length - n }) })] : []),
      );
      slot.impacts.dataset.done = 'true';
    }
  }
  document.body.dataset.analysed = 'true';
}

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  await initI18n();
  applyI18n(document.body);
  // from here on these two are written by the page, not by the catalog
  $('status').removeAttribute('data-i18n');
  $('title').removeAttribute('data-i18n');
  const homework = homeworkSource(location);
  if (homework) {
    // a student's own results: the way back is their homework page, not the teacher's console
    if (!homework.csv) document.querySelector<HTMLElement>('.nav')?.setAttribute('hidden', '');
    const token = homeworkToken(location);
    if (!token) return askForToken(homework, homework.noToken);
    return load(homework, token);
  }
  const code = codeFromUrl();
  if (!code) return say(t('results.noGame'), true);
  const source = gameSource(code);
  const token = tokenFor(code);
  if (!token) return askForToken(source, source.noToken);
  await load(source, token);
}

void start();
