// The results page for homework. The teacher's view of an assignment (/host/results?homework=ID,
// teacher token from #token= or this browser's console) is the same document a live game has, one
// team per attempt, with "Who played" (every attempt, its status and score) where a game shows its
// podium. A student's view of their own attempt (/homework/ID/results, attempt token from #token= or
// this browser) is their attempt's own document: their answers and their post-mortem.
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import type { GameResults } from '../../../shared/rules/results.ts';
import type { HomeworkResults } from '../../../shared/rules/homework.ts';

/** Where a results document comes from and how the page names and downloads it. */
export interface ResultsSource {
  /** What the document is, for "not found" and "bad token" messages. */
  readonly what: string;
  readonly url: string;
  /** The JSON answer → the results document. */
  readonly read: (json: unknown) => GameResults;
  readonly heading: (r: GameResults) => string;
  /** Where the CSVs are: POST {csv}/downloads for a short-lived link, then GET {csv}/KIND.csv?dl=…; null: none. */
  readonly csv: string | null;
  readonly noToken: string;
  readonly badToken: string;
  readonly notFound: string;
  readonly tokenLabel: string;
}

const ID = /^[A-Za-z0-9_-]{12}$/;

/** This page's homework, if it shows one: the teacher's assignment or the student's own attempt. */
export function homeworkSource(location: Location): ResultsSource | null {
  const mine = /^\/homework\/([A-Za-z0-9_-]{12})\/results\/?$/.exec(location.pathname)?.[1];
  if (mine) {
    return {
      what: mine,
      url: `/api/homework/${mine}/attempts/mine`,
      read: (json) => {
        const { ticket, results } = json as { ticket: { name: string }; results: GameResults | null };
        if (!results) throw new Error(t('homework.errors.unknown_attempt'));
        return { ...results, teamNames: [ticket.name] };
      },
      heading: (r) => t('homework.myHeading', { plan: r.planTitle }),
      csv: null,
      noToken: t('homework.errors.unknown_attempt'),
      badToken: t('homework.errors.unknown_attempt'),
      notFound: t('homework.errors.unknown_attempt'),
      tokenLabel: t('homework.tokenLabel'),
    };
  }
  const id = new URLSearchParams(location.search).get('homework');
  if (!id || !ID.test(id)) return null;
  return {
    what: id,
    url: `/api/homework/${id}/results`,
    read: (json) => json as HomeworkResults,
    heading: (r) => t('homework.resultsHeading', { plan: r.planTitle }),
    csv: `/api/homework/${id}`,
    noToken: t('homework.noToken'),
    badToken: t('homework.badToken'),
    notFound: t('homework.errors.not_found'),
    tokenLabel: t('homework.tokenLabel'),
  };
}

/** The token for a homework source: #token=, else what this browser kept (the teacher's console, the student's attempt). */
export function homeworkToken(location: Location): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) return fromHash;
  try {
    const mine = /^\/homework\/([A-Za-z0-9_-]{12})\/results/.exec(location.pathname)?.[1];
    if (mine) return (JSON.parse(localStorage.getItem(`ua:hw:${mine}`) ?? 'null') as { token?: string } | null)?.token ?? null;
    const id = new URLSearchParams(location.search).get('homework') ?? '';
    const saved = JSON.parse(localStorage.getItem('ua:hw-teacher') ?? '{}') as Record<string, { token?: string }>;
    return Object.prototype.hasOwnProperty.call(saved, id) ? (saved[id]?.token ?? null) : null;
  } catch {
    return null;
  }
}

export function isHomework(r: GameResults): r is HomeworkResults {
  return typeof (r as Partial<HomeworkResults>).homework === 'object' && (r as Partial<HomeworkResults>).homework !== null;
}

const date = (ms: number) => new Intl.DateTimeFormat(document.documentElement.lang || 'es', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
const dateLong = (ms: number) => new Intl.DateTimeFormat(document.documentElement.lang || 'es', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(ms);

/** Until when the homework is open, or since when it is closed. */
export function homeworkStatus(r: HomeworkResults, now = Date.now()): string {
  const h = r.homework;
  return now < h.deadline ? t('homework.open', { date: dateLong(h.deadline), grace: dateLong(h.finishBy) }) : t('homework.over', { date: dateLong(h.deadline) });
}

/** "Who played": every attempt, best score first, with how far it got. */
export function studentsSection(r: HomeworkResults): HTMLElement {
  const h = r.homework;
  const section = el('section', { className: 'card students' }, el('h2', { textContent: t('homework.students') }), el('p', { className: 'muted', textContent: t('homework.studentsIntro') }));
  if (h.attempts.length === 0) {
    section.append(el('p', { textContent: t('homework.noAttempts') }));
    return section;
  }
  const cols = ['name', 'status', 'score', 'questions', 'scenarios', 'started', 'finished'] as const;
  const rows = [...h.attempts].sort((a, b) => a.rank - b.rank || a.startedAt - b.startedAt);
  const scenarioRounds = new Set(r.scenarios.map((s) => s.round)).size;
  section.append(
    el(
      'div',
      { className: 'table-wrap' },
      el(
        'table',
        { className: 'students-table' },
        el('caption', { className: 'sr-only', textContent: t('homework.students') }),
        el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col', textContent: t(`homework.col.${c}`) })))),
        el(
          'tbody',
          {},
          ...rows.map((a) =>
            el(
              'tr',
              { className: `status-${a.status}` },
              el('th', { scope: 'row' }, a.name, ...(a.attempt > 1 ? [el('span', { className: 'muted small', textContent: ` · ${t('homework.replay', { n: a.attempt })}` })] : [])),
              el('td', { textContent: t(`homework.status.${a.status}`) }),
              el('td', { className: 'num', textContent: String(a.score) }),
              el('td', { className: 'num', textContent: `${a.answered} / ${h.questionCount}` }),
              el('td', { className: 'num', textContent: `${a.scenarios} / ${scenarioRounds || '0'}` }),
              el('td', { textContent: date(a.startedAt) }),
              el('td', { textContent: a.finishedAt ? date(a.finishedAt) : '—' }),
            ),
          ),
        ),
      ),
    ),
  );
  return section;
}
