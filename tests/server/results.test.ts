// The results API on a real server: the host token guards the JSON and both CSVs; the CSVs open in
// Excel (BOM, attachment) and carry one row per player × question and per team × scenario round.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Room } from '@colyseus/sdk';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { sha256 } from '../../server/tokens.ts';
import { resultsFixture } from '../shared/rules/debrief-fixture.ts';
import type { GameResults } from '../../shared/rules/results.ts';

let t: TestServer;
const CODE = 'ABC234';
const TOKEN = 'teacher-token-0123456789abcdef';
const fixture = resultsFixture(CODE);

beforeAll(async () => {
  t = await startTestServer();
  await t.server.store.games.saveCheckpoint(CODE, sha256(TOKEN), { v: 0 }, 'finished');
  await t.server.store.games.saveResult(CODE, 'results', fixture);
  await t.server.store.games.saveCheckpoint('ZZZ234', sha256(TOKEN), { v: 0 }, 'lobby');
});
afterAll(async () => {
  await t.close();
});

const get = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const csvOf = async (res: Response) => {
  const bytes = Buffer.from(await res.arrayBuffer());
  const body = bytes.toString('utf8');
  return { bytes, body, rows: parse(body, { bom: true }) as string[][] };
};

describe('GET /api/games/:code/results', () => {
  it('answers the stored document to the host token, in any letter case of the code', async () => {
    const res = await get(`/api/games/${CODE}/results`, TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(fixture)));
    expect((await get(`/api/games/${CODE.toLowerCase()}/results`, TOKEN)).status).toBe(200);
  });

  it.each([
    ['no token', `/api/games/${CODE}/results`, undefined, 401, /host token/],
    ['a wrong token', `/api/games/${CODE}/results`, 'x'.repeat(30), 403, /does not open game ABC234/],
    ['the token in the query (JSON needs the header)', `/api/games/${CODE}/results?token=${TOKEN}`, undefined, 401, /host token/],
    ['an unknown game', '/api/games/QQQ999/results', TOKEN, 404, /no game QQQ999/],
    ['not a code', '/api/games/nope!/results', TOKEN, 404, /no game/],
    ['a game without results yet', '/api/games/ZZZ234/results', TOKEN, 404, /no results yet/],
  ])('refuses %s with a readable JSON error', async (_name, path, token, status, message) => {
    const res = await get(path, token);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('GET /api/games/:code/answers.csv', () => {
  it('is an Excel-friendly attachment with one row per player and question', async () => {
    const res = await get(`/api/games/${CODE}/answers.csv`, TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?uptime-arena-ABC234-answers\.csv"?$/);
    const { bytes, body, rows } = await csvOf(res);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body).toContain('\r\n');
    expect(rows[0]).toEqual(['game', 'round', 'question', 'topic', 'question text', 'right answer', 'player', 'team', 'answer', 'correct', 'credit', 'points', 'seconds']);
    expect(rows).toHaveLength(1 + fixture.questions.length * fixture.players.length);
    const row = (seq: number, player: string) => {
      const qn = fixture.questions.find((q) => q.seq === seq)!;
      return rows.find((r) => r[1] === String(qn.round + 1) && r[2] === String(qn.index + 1) && r[6] === player)!;
    };
    expect(row(0, 'Ana')).toEqual([CODE, '1', '1', 'Scalability', '¿Qué añade "escalar horizontalmente", en una frase?', 'More machines, same code', 'Ana', 'Team Routers', 'More machines, same code', 'yes', '1', '900', '2.5']);
    expect(row(0, 'Ben, "the fast"').slice(6, 12)).toEqual(['Ben, "the fast"', 'Team Sockets', 'A bigger machine', 'no', '0', '0']);
    expect(row(0, 'Caí').slice(8, 13)).toEqual(['', 'no answer', '0', '0', '']);
    expect(row(1, 'Caí').slice(8, 12)).toEqual(['Replicas', 'partly', '0.5', '300']);
    expect(row(3, 'Ben, "the fast"')[8]).toBe('Deploy > Build > Test');
    expect(row(4, 'Ana').slice(5, 10)).toEqual(['500 ± 50 ms', 'Ana', 'Team Routers', '520 ms', 'yes']);
    expect(row(5, 'Caí').slice(8, 10)).toEqual(['No', '']); // a poll is neither right nor wrong
    expect(row(6, 'Ana').slice(8, 10)).toEqual(['', '']); // skipped: nobody could answer
  });

  it('downloads by a short-lived link (?dl=) that the host token asks for; the host token itself never goes in a URL', async () => {
    const made = await fetch(`${t.url}/api/games/${CODE}/downloads`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(made.status).toBe(201);
    const { token: dl, expiresInSeconds } = (await made.json()) as { token: string; expiresInSeconds: number };
    expect(expiresInSeconds).toBeLessThanOrEqual(60);
    expect((await fetch(`${t.url}/api/games/${CODE}/answers.csv?dl=${dl}`)).status).toBe(200);
    expect((await fetch(`${t.url}/api/games/${CODE}/scenarios.csv?dl=${dl}`)).status).toBe(200);
    // bound to its game; a made-up one is refused; the host token in the query is refused
    expect((await fetch(`${t.url}/api/games/ZZZ234/answers.csv?dl=${dl}`)).status).toBe(403);
    const bad = await fetch(`${t.url}/api/games/${CODE}/answers.csv?dl=${'y'.repeat(30)}`);
    expect(bad.status).toBe(403);
    expect(((await bad.json()) as { error: string }).error).toMatch(/expired/);
    const inUrl = await fetch(`${t.url}/api/games/${CODE}/answers.csv?token=${TOKEN}`);
    expect(inUrl.status).toBe(401);
    expect(((await inUrl.json()) as { error: string }).error).toMatch(/does not go in a URL/);
    expect((await fetch(`${t.url}/api/games/${CODE}/downloads`, { method: 'POST', headers: { authorization: `Bearer ${'y'.repeat(30)}` } })).status).toBe(403);
    expect((await fetch(`${t.url}/api/games/QQQ999/answers.csv`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});

describe('GET /api/games/:code/scenarios.csv', () => {
  it('has one row per team and scenario round with the report and each incident’s time to detect and recover', async () => {
    const res = await get(`/api/games/${CODE}/scenarios.csv`, TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?uptime-arena-ABC234-scenarios\.csv"?$/);
    const { rows } = await csvOf(res);
    expect(rows[0]).toEqual(['game', 'round', 'scenario', 'team', 'availability %', 'p95 ms', 'cost $', 'score', 'points', 'rank after', 'credits spent', 'actions', 'incidents', 'incidents: time to detect / recover', 'faults injected by the teacher']);
    expect(rows).toHaveLength(3);
    const [fixed, idle] = fixture.scenarios[0]!.teams;
    const inc = fixed!.report.incidents[0]!;
    expect(rows[1]).toEqual([
      CODE, '3', 'A bad deploy', 'Team Routers', String(Math.round(fixed!.report.availability * 10_000) / 100), String(fixed!.report.p95LatencyMs), String(fixed!.report.cost),
      String(fixed!.report.score), String(fixed!.points), String(fixed!.rankAfter), '4', '1', '1', `bad deploy: detect ${inc.timeToDetect} s, recover ${inc.timeToRecover} s`, '',
    ]);
    expect(rows[2]!.slice(3, 4)).toEqual(['Team Sockets']);
    expect(rows[2]![13]).toBe('bad deploy: detect never, recover never');
    expect(Number(rows[1]![7])).toBeGreaterThan(Number(rows[2]![7]));
  });
});

describe('a game played on the server', () => {
  it('is saved as it goes and served in the game’s language to its host token only', async () => {
    const game = await t.createGame({ lang: 'es', teams: 2 });
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const ana: Room = await t.client().joinById(game.code, { name: 'Ana' });
    await vi.waitFor(() => expect((host.state as any).counts.playerCount).toBe(1));
    host.send('host:start', {});
    await vi.waitFor(() => expect((ana.state as any).phase).toBe('question'));
    const q = (ana.state as any).question;
    const seenOptions = [...q.options] as string[];
    const last = Math.max(0, seenOptions.length - 1);
    const answer = q.type === 'multi' ? { kind: 'multi', indices: [last] } : q.type === 'order' ? { kind: 'order', order: q.options.map((_: string, i: number) => i) } : q.type === 'numeric' ? { kind: 'numeric', value: q.min } : { kind: 'choice', index: q.type === 'truefalse' ? 1 : last };
    ana.send('answer', { seq: q.seq, answer });
    await vi.waitFor(() => expect((host.state as any).phase).toBe('reveal'));
    const reveal = (host.state as any).reveal;
    const revealed = { correct: [...reveal.correct], distribution: [...reveal.distribution] };
    host.send('host:end-game', {});
    await vi.waitFor(() => expect((host.state as any).phase).toBe('podium'));

    let doc: GameResults | undefined;
    await vi.waitFor(async () => {
      const res = await get(`/api/games/${game.code}/results`, game.hostToken);
      expect(res.status).toBe(200);
      doc = (await res.json()) as GameResults;
      expect(doc.phase).toBe('podium');
    });
    expect(doc!.lang).toBe('es');
    expect(doc!.players.map((p) => p.name)).toEqual(['Ana']);
    expect(doc!.questions).toHaveLength(1);
    expect(doc!.questions[0]!.answers.map((a) => a.playerId)).toHaveLength(1);
    // the phone, the reveal and the results name the same options at the same positions
    const result = doc!.questions[0]!;
    if (q.type !== 'truefalse') expect(result.options).toEqual(seenOptions);
    expect(result.answers[0]!.answer).toEqual(answer);
    expect(result.correct).toEqual(revealed.correct);
    if (q.type !== 'numeric') expect(result.distribution).toEqual(revealed.distribution);
    expect((await get(`/api/games/${game.code}/results`, TOKEN)).status).toBe(403);

    const { rows } = await csvOf(await get(`/api/games/${game.code}/answers.csv`, game.hostToken));
    expect(rows[0]!.slice(0, 3)).toEqual(['partida', 'ronda', 'pregunta']);
    expect(rows).toHaveLength(2);
    expect(rows[1]![6]).toBe('Ana');
    expect(rows[1]![7]).toMatch(/^Equipo /);
    expect(rows[1]![4]).toBe(doc!.questions[0]!.text);
    if (q.type === 'single' || q.type === 'poll') expect(rows[1]![8]).toBe(seenOptions[last]);
    await ana.leave();
    await host.leave();
  });
});
