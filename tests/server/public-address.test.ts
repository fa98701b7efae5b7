// Where a phone's WebSocket goes, from the seat reservation a real server hands out to what the
// real SDK (as the page configures it) connects to: without PUBLIC_ADDRESS the phone plays at the
// host it loaded the page from; with it, at that process's own address; an https page (behind a
// proxy that terminates TLS) plays over wss. And the join URL phones are given: a loopback name
// becomes the LAN address, a trusted proxy's X-Forwarded-* count, anyone else's do not.
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@colyseus/sdk';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { requireLanAddress } from '../helpers/lan.ts';
import { sdkClientFor } from '../../client/src/net/connection.ts';
import { joinFailure, reachableSocketUrl } from '../../client/src/net/endpoint.ts';
import { loadConfig } from '../../server/config.ts';
import { joinUrlFor, lanAddress, studentAddress } from '../../server/http/urls.ts';
import { JOIN_ERROR } from '../../shared/codes.ts';

interface Reservation {
  name: string;
  roomId: string;
  sessionId: string;
  processId: string;
  publicAddress?: string;
}

async function reserveSeat(t: TestServer, code: string, name: string): Promise<Reservation> {
  const res = await fetch(`${t.url}/matchmake/joinById/${code}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  expect(res.status).toBe(200);
  return (await res.json()) as Reservation;
}

/** The WebSocket URL the SDK opens for this seat, on a page loaded from `pageUrl`. */
function socketUrlFor(pageUrl: string, seat: Reservation): URL {
  const page = new URL(pageUrl);
  const client = sdkClientFor({ protocol: page.protocol, host: page.host }) as Client & { buildEndpoint(s: Reservation, o: object): string };
  return new URL(client.buildEndpoint(seat, { sessionId: seat.sessionId }));
}

// The matchmaker is one per process: one server at a time.
describe('the WebSocket address a phone is given, without PUBLIC_ADDRESS', () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
  });
  afterAll(async () => plain?.close());

  it('without PUBLIC_ADDRESS: the reservation names no address and the phone plays at the page host', async () => {
    expect(loadConfig({}).publicAddress).toBeUndefined();
    const game = await plain.createGame();
    const seat = await reserveSeat(plain, game.code, 'Ana');
    expect(seat.publicAddress).toBeUndefined();
    const url = socketUrlFor(`http://192.0.2.2:${plain.port}/?code=${game.code}`, seat);
    expect(url.protocol).toBe('ws:');
    expect(url.host).toBe(`192.0.2.2:${plain.port}`);
    expect(url.pathname).toBe(`/${seat.processId}/${game.code}`);
    expect(url.searchParams.get('sessionId')).toBe(seat.sessionId);
  });

  it('behind a proxy with https and no PUBLIC_ADDRESS: wss to the proxy host, default port', async () => {
    const game = await plain.createGame();
    const seat = await reserveSeat(plain, game.code, 'Ben');
    const url = socketUrlFor(`https://arena.example.org/?code=${game.code}`, seat);
    expect(url.href).toBe(`wss://arena.example.org/${seat.processId}/${game.code}?sessionId=${seat.sessionId}`);
  });

});

describe('the WebSocket address a phone is given, with PUBLIC_ADDRESS', () => {
  let scaled: TestServer;
  beforeAll(async () => {
    scaled = await startTestServer({ PUBLIC_ADDRESS: 'node-a.arena.example.org/p1' });
  });
  afterAll(async () => scaled?.close());

  it('with PUBLIC_ADDRESS (several processes behind Redis): the process address, ws or wss like the page', async () => {
    const game = await scaled.createGame();
    const seat = await reserveSeat(scaled, game.code, 'Cai');
    expect(seat.publicAddress).toBe('node-a.arena.example.org/p1');
    expect(socketUrlFor('http://arena.example.org/', seat).href).toBe(`ws://node-a.arena.example.org/p1/${seat.processId}/${game.code}?sessionId=${seat.sessionId}`);
    expect(socketUrlFor('https://arena.example.org/', seat).href).toBe(`wss://node-a.arena.example.org/p1/${seat.processId}/${game.code}?sessionId=${seat.sessionId}`);
  });

  it('a loopback PUBLIC_ADDRESS never sends a phone on the network to itself', () => {
    const seat = { name: 'classroom', roomId: 'ABC234', sessionId: 's1', processId: 'p1', publicAddress: '127.0.0.1:2567' };
    expect(socketUrlFor('http://192.168.1.20:2567/', seat).host).toBe('192.168.1.20:2567');
    // a page that itself came from loopback keeps it
    expect(socketUrlFor('http://localhost:2567/', seat).host).toBe('127.0.0.1:2567');
    expect(reachableSocketUrl(new URL('ws://arena.example.org/p1/x'), { protocol: 'https:', host: 'arena.example.org' }).protocol).toBe('wss:');
  });

  it('PUBLIC_ADDRESS and PUBLIC_URL are checked when the server starts', () => {
    expect(loadConfig({ PUBLIC_ADDRESS: 'arena.example.org/p1/' }).publicAddress).toBe('arena.example.org/p1');
    expect(loadConfig({ PUBLIC_ADDRESS: '10.0.0.5:2567' }).publicAddress).toBe('10.0.0.5:2567');
    expect(() => loadConfig({ PUBLIC_ADDRESS: 'wss://arena.example.org' })).toThrow(/without a scheme/);
    expect(() => loadConfig({ PUBLIC_ADDRESS: 'arena example' })).toThrow(/host\[:port\]/);
    expect(loadConfig({ PUBLIC_URL: 'https://arena.example.org/' }).publicUrl).toBe('https://arena.example.org');
    expect(() => loadConfig({ PUBLIC_URL: 'arena.example.org' })).toThrow(/full URL/);
  });
});

describe('the join URL (QR code, links) and the address printed at start', () => {
  const request = (headers: Record<string, string>, protocol = 'http') => ({ protocol, host: headers.host }) as unknown as Request;

  it('replaces a loopback host with the LAN address and keeps the port', () => {
    const lan = () => '192.168.1.20';
    expect(joinUrlFor(request({ host: 'localhost:2567' }), 'ABC234', { publicUrl: undefined, port: 2567, lan })).toBe('http://192.168.1.20:2567/?code=ABC234');
    expect(joinUrlFor(request({ host: '127.0.0.1:3000' }), 'ABC234', { publicUrl: undefined, port: 2567, lan })).toBe('http://192.168.1.20:3000/?code=ABC234');
    expect(joinUrlFor(request({ host: '[::1]:2567' }), 'ABC234', { publicUrl: undefined, port: 2567, lan })).toBe('http://192.168.1.20:2567/?code=ABC234');
    expect(joinUrlFor(request({ host: '10.1.2.3:2567' }), 'ABC234', { publicUrl: undefined, port: 2567, lan })).toBe('http://10.1.2.3:2567/?code=ABC234');
    expect(joinUrlFor(request({ host: 'arena.example.org' }, 'https'), 'ABC234', { publicUrl: undefined, port: 2567, lan })).toBe('https://arena.example.org/?code=ABC234');
    expect(joinUrlFor(request({ host: 'x.org' }), 'ABC234', { publicUrl: 'https://arena.example.org/class', port: 2567, lan })).toBe('https://arena.example.org/class/?code=ABC234');
    // a Host header that is not a host name is not echoed into a link
    expect(joinUrlFor(request({ host: 'evil"><script>' }), 'ABC234', { publicUrl: undefined, port: 2567, lan })).toBe('http://192.168.1.20:2567/?code=ABC234');
  });

  it('prints an address a phone can reach, or says why there is none', () => {
    expect(studentAddress({ publicUrl: undefined, port: 2567, host: '0.0.0.0', lan: '192.168.1.20' }).url).toBe('http://192.168.1.20:2567/');
    expect(studentAddress({ publicUrl: 'https://arena.example.org', port: 2567, host: '0.0.0.0', lan: '192.168.1.20' }).url).toBe('https://arena.example.org/');
    expect(studentAddress({ publicUrl: undefined, port: 2567, host: '0.0.0.0', lan: undefined })).toEqual({ url: null, why: 'no-network' });
    expect(studentAddress({ publicUrl: undefined, port: 2567, host: '127.0.0.1', lan: '192.168.1.20' })).toEqual({ url: null, why: 'loopback-only' });
    expect(studentAddress({ publicUrl: undefined, port: 2567, host: '10.0.0.7', lan: '192.168.1.20' }).url).toBe('http://10.0.0.7:2567/');
  });

  it('prefers a real interface and a private range over container bridges', () => {
    const nic = (address: string, internal = false) => [{ address, family: 'IPv4', internal, netmask: '', mac: '', cidr: null }] as never;
    expect(lanAddress({ lo: nic('127.0.0.1', true), docker0: nic('172.17.0.1'), wlan0: nic('192.168.1.20') })).toBe('192.168.1.20');
    expect(lanAddress({ lo: nic('127.0.0.1', true), eth0: nic('203.0.113.9'), wlan0: nic('10.0.0.4') })).toBe('10.0.0.4');
    expect(lanAddress({ lo: nic('127.0.0.1', true) })).toBeUndefined();
  });

  describe('through the real server', () => {
    let t: TestServer;
    let lan: string;
    beforeAll(async () => {
      lan = requireLanAddress();
      t = await startTestServer({ HOST: '0.0.0.0' });
    });
    afterAll(async () => t?.close());
    const create = (base: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' }).then(async (r) => ((await r.json()) as { joinUrl: string }).joinUrl);

    it('a teacher on localhost gets the LAN address in the join URL', async () => {
      expect(await create(`http://localhost:${t.port}`)).toMatch(new RegExp(`^http://${lan.replaceAll('.', '\\.')}:${t.port}/\\?code=[A-Z0-9]{6}$`));
    });

    it('X-Forwarded-Proto/-Host count from the trusted proxy (loopback), not from a phone on the network', async () => {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'arena.example.org' };
      expect(await create(`http://127.0.0.1:${t.port}`, forwarded)).toMatch(/^https:\/\/arena\.example\.org\/\?code=[A-Z0-9]{6}$/);
      expect(await create(`http://${lan}:${t.port}`, forwarded)).toMatch(new RegExp(`^http://${lan.replaceAll('.', '\\.')}:${t.port}/\\?code=`));
    });
  });
});

describe('a failed join always says why, in words a student can act on', () => {
  const ctx = { code: 'ABC234', host: '192.168.1.20:2567' };
  it.each([
    [{ code: JOIN_ERROR.locked, message: 'The teacher has locked this game' }, 'locked'],
    [{ code: JOIN_ERROR.name_taken, message: 'taken' }, 'taken'],
    [{ code: 522, message: 'room "ABC234" not found' }, 'notFound'],
    [{ code: 524, message: 'seat reservation expired.' }, 'slow'],
    [{ code: undefined, message: 'Failed to fetch' }, 'network'],
    [{ code: 1006, message: '' }, 'network'],
    [{}, 'network'],
    [new TypeError('Failed to fetch dynamically imported module: /assets/game.js'), 'network'],
    [{ code: 500, message: 'Internal Server Error' }, 'server'],
    [{ code: 4999, message: '' }, 'unknown'],
  ])('%o → %s', (err, key) => {
    const r = joinFailure(err, ctx);
    expect(r.key).toBe(key);
    expect(r.vars.message?.length).toBeGreaterThan(0);
    expect(r.vars.host).toBe(ctx.host);
  });
});
