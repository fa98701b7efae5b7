// The classroom settings through a real server and the real SDK: generated-only nicknames,
// the word-list filter at the door, names held for the teacher's approval (kept off the synced
// state and other phones), renames, and accommodations that only the teacher and the student's
// own phone learn.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { JOIN_ERROR } from '../../shared/codes.ts';
import { nicknameChoices } from '../../shared/rules/nicknames.ts';
import { GAME } from '../../shared/constants.ts';
import { answerFor } from '../helpers/answers.ts';
import { recorder, rosterOf, startTestServer, type TestServer } from '../helpers/server.ts';
import { readNameLists } from '../../server/content/load-names.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const state = (room: Room) => room.state as any;

async function newGame(body: Record<string, unknown>) {
  const game = await t.createGame({ lang: 'en', teams: 2, ...body });
  const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
  const roster = rosterOf(host);
  const hostLog = recorder(host);
  return { game, host, roster, hostLog };
}

async function join(code: string, options: Record<string, unknown>) {
  const room = await t.client().joinById(code, options);
  const log = recorder(room);
  await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
  return { room, log, welcome: log.last('welcome') };
}

/** A join's refusal: the SDK's error code and message. */
async function refusal(code: string, options: Record<string, unknown>): Promise<{ code: number; message: string }> {
  try {
    await t.client().joinById(code, options);
  } catch (err) {
    return { code: (err as { code: number }).code, message: (err as Error).message };
  }
  throw new Error('the join was accepted');
}

const offensiveEntry = readNameLists()
  .filter((l) => l.kind === 'offensive')
  .flatMap((l) => l.text.split('\n'))
  .map((l) => l.replace(/#.*$/, '').trim())
  .find((l) => /^[a-z]+$/.test(l))!;

describe('nicknames in a live game', () => {
  it('generated only: refuses a typed name readably, gives one to a join without a name, and lets it be re-rolled a few times', async () => {
    const { game, roster } = await newGame({ nicknames: 'generated' });
    const refused = await refusal(game.code, { name: 'Lucía' });
    expect(refused.code).toBe(JOIN_ERROR.names_generated);
    expect(refused.message).toMatch(/generated nickname/);
    const phone = await join(game.code, {});
    expect(nicknameChoices('en')).toContain(phone.welcome.name);
    expect(phone.welcome.nickname).toEqual({ name: phone.welcome.name, held: false, rerollsLeft: GAME.nameRerolls });
    const names = new Set([phone.welcome.name]);
    for (let i = 1; i <= GAME.nameRerolls; i++) {
      phone.room.send('name:reroll', {});
      await vi.waitFor(() => expect(phone.log.of('nickname').length).toBe(i));
      expect(phone.log.last('nickname').rerollsLeft).toBe(GAME.nameRerolls - i);
      names.add(phone.log.last('nickname').name);
    }
    expect(names.size).toBe(GAME.nameRerolls + 1);
    await vi.waitFor(() => expect([...roster.values()].map((p) => p.name)).toEqual([phone.log.last('nickname').name]));
    phone.room.send('name:reroll', {});
    await vi.waitFor(() => expect(phone.log.last('refused')).toMatchObject({ type: 'name:reroll', code: 'no_rerolls' }));
  });

  it('typed: refuses offensive names and names that pass for the teacher with readable reasons, accepts names from many cultures', async () => {
    const { game } = await newGame({});
    const offensive = await refusal(game.code, { name: `xX${offensiveEntry.replace(/[aeio]/, (v) => ({ a: '4', e: '3', i: '1', o: '0' })[v]!)}Xx` });
    expect(offensive).toMatchObject({ code: JOIN_ERROR.name_offensive, message: expect.stringMatching(/pick another/) });
    expect(await refusal(game.code, { name: 'Pr0fe Ana' })).toMatchObject({ code: JOIN_ERROR.name_reserved, message: expect.stringMatching(/teacher/) });
    for (const name of ['José', 'Nguyễn', 'Zoë', 'Đorđe', 'Aisha', '李雷', 'Dickens']) expect((await join(game.code, { name })).welcome.name).toBe(name);
  });

  it('holds new names: neither the synced state nor other phones get them until the teacher accepts; a rejected one is replaced', async () => {
    const { game, host, roster } = await newGame({ holdNames: true });
    const ana = await join(game.code, { name: 'Ana Held' });
    const ben = await join(game.code, { name: 'Ben Held' });
    expect(ana.welcome.nickname).toMatchObject({ held: true });
    await vi.waitFor(() => expect([...roster.values()].map((p) => [p.name, p.held]).sort()).toEqual([['Ana Held', true], ['Ben Held', true]]));
    host.send('host:start', {});
    await vi.waitFor(() => expect(state(ana.room).phase).toBe('question'));
    for (const p of [ana, ben]) p.room.send('answer', { seq: state(p.room).question.seq, answer: answerFor(p.room) });
    await vi.waitFor(() => expect(state(host).phase).toBe('reveal'));
    await vi.waitFor(() => expect(state(ben.room).top.length).toBe(2));
    // the synced state (projector and phones alike) and the other phone's messages carry neither name
    expect(JSON.stringify([state(host).toJSON(), state(ben.room).toJSON(), state(ana.room).toJSON()])).not.toMatch(/Ana Held|Ben Held/);
    expect(JSON.stringify(ben.log.messages)).not.toMatch(/Ana Held/);
    expect(JSON.stringify(ana.log.messages)).not.toMatch(/Ben Held/);

    const anaId = ana.welcome.playerId;
    host.send('host:review-name', { playerId: anaId, accept: true });
    await vi.waitFor(() => expect(ana.log.last('nickname')).toEqual({ name: 'Ana Held', held: false, rerollsLeft: 0 }));
    await vi.waitFor(() => expect([...state(ben.room).top].map((r: any) => r.name)).toContain('Ana Held'));
    host.send('host:review-name', { playerId: ben.welcome.playerId, accept: false });
    await vi.waitFor(() => expect(ben.log.last('nickname')).toMatchObject({ held: false }));
    expect(nicknameChoices('en')).toContain(ben.log.last('nickname').name);
    expect(JSON.stringify([state(ana.room).toJSON(), ana.log.messages])).not.toMatch(/Ben Held/);
    expect((await refusal(game.code, { name: 'ben held' })).code).toBe(JOIN_ERROR.name_banned);
  });

  it('lets the teacher rename a player: the phone, the roster and the standings follow', async () => {
    const { game, host, roster, hostLog } = await newGame({});
    const cal = await join(game.code, { name: 'Cal' });
    const dot = await join(game.code, { name: 'Dot' });
    host.send('host:rename', { playerId: cal.welcome.playerId, name: 'Dot' });
    await vi.waitFor(() => expect(hostLog.last('refused')).toMatchObject({ type: 'host:rename', code: 'name_taken' }));
    host.send('host:rename', { playerId: cal.welcome.playerId, name: 'Calliope' });
    await vi.waitFor(() => expect(cal.log.last('nickname')).toEqual({ name: 'Calliope', held: false, rerollsLeft: 0 }));
    await vi.waitFor(() => expect(roster.get(cal.welcome.playerId)?.name).toBe('Calliope'));
    expect(dot.log.of('nickname')).toEqual([]);
    host.send('host:rename', { playerId: 'nobody12', name: 'X' });
    await vi.waitFor(() => expect(hostLog.of('refused').length).toBe(2));
    host.send('host:rename', { playerId: '__proto__', name: 'X' });
    await vi.waitFor(() => expect(hostLog.of('refused').map((r) => r.code)).toEqual(['name_taken', 'no_such_player', 'no_such_player']));
    dot.room.send('host:rename', { playerId: dot.welcome.playerId, name: 'Boss' });
    await vi.waitFor(() => expect(dot.log.last('refused')).toMatchObject({ code: 'not_host' }));
  });
});

describe('accommodations in a live game', () => {
  it("keep the question open for the student with extra time only, and reach no one but the teacher's roster and that student's phone", async () => {
    const { game, host, roster, hostLog } = await newGame({});
    const a = await join(game.code, { name: 'Ari' });
    const b = await join(game.code, { name: 'Bo' });
    const c = await join(game.code, { name: 'Cy' });
    const cId = c.welcome.playerId;
    host.send('host:accommodate', { playerId: cId, extraTime: 2, noSpeed: true });
    await vi.waitFor(() => expect(c.log.last('extra-time')).toEqual({ extraTime: 2 }));
    await vi.waitFor(() => expect(roster.get(cId)).toMatchObject({ extraTime: 2, noSpeed: true }));
    host.send('host:accommodate', { playerId: cId, extraTime: 3, noSpeed: false });
    await vi.waitFor(() => expect(hostLog.last('refused')).toMatchObject({ type: 'host:accommodate', code: 'bad_message' }));
    a.room.send('host:accommodate', { playerId: a.welcome.playerId, extraTime: 2, noSpeed: true });
    await vi.waitFor(() => expect(a.log.last('refused')).toMatchObject({ code: 'not_host' }));

    host.send('host:start', {});
    await vi.waitFor(() => expect(state(a.room).phase).toBe('question'));
    const seq = state(a.room).question.seq;
    a.room.send('answer', { seq, answer: answerFor(a.room) });
    // the class's time runs out; the question waits for Cy alone
    await vi.waitFor(() => expect(state(b.room).overtime).toBe(true), { timeout: 10_000 });
    expect(state(b.room).phase).toBe('question');
    b.room.send('answer', { seq, answer: answerFor(b.room) });
    await vi.waitFor(() => expect(b.log.last('refused')).toMatchObject({ type: 'answer', code: 'too_late' }));
    c.room.send('answer', { seq, answer: answerFor(c.room) });
    await vi.waitFor(() => expect(c.log.last('ack')).toEqual({ seq }));
    await vi.waitFor(() => expect(state(host).phase).toBe('reveal'));
    await vi.waitFor(() => expect(c.log.last('result')?.answer).toEqual(answerFor(c.room)));

    // nobody else learns who has an accommodation
    for (const other of [a, b]) {
      expect(other.welcome.extraTime).toBe(1);
      expect(other.log.of('extra-time')).toEqual([]);
      expect(JSON.stringify([state(other.room).toJSON(), other.log.messages])).not.toMatch(/noSpeed|extraTime":2/);
    }
    expect(JSON.stringify(state(host).toJSON())).not.toMatch(/noSpeed|extraTime/);
  });
});

describe('creating a game with classroom settings', () => {
  it('takes speed scoring, nickname mode and hold from POST /api/games, and explains a bad value', async () => {
    const { host } = await newGame({ speedScoring: false, nicknames: 'generated', holdNames: true });
    await vi.waitFor(() => expect(state(host).speedScoring).toBe(false));
    const res = await fetch(`${t.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nicknames: 'rude' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/nicknames/);
  });
});
