// The outside surface of ../shared/CONTRACT.md that plain HTTP can check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';

let t: TestServer;
beforeAll(async () => {
  ensureClientBuilt();
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('HTTP contract', () => {
  it('GET /healthz → 200 {"status":"ok"}; GET /readyz → 200', async () => {
    const h = await fetch(`${t.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });

  it('POST /api/games → 201 with a 6-character code and a host token; defaults apply', async () => {
    const res = await fetch(`${t.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(typeof body.hostToken).toBe('string');
    expect(body.hostToken.length).toBeGreaterThanOrEqual(20);
    const again = await t.createGame({ plan: 'quick', lang: 'en', teams: 3 });
    expect(again.code).not.toBe(body.code);
  });

  it.each([
    ['teams out of range', '{"teams": 99}'],
    ['teams not a number', '{"teams": "four"}'],
    ['unknown language', '{"lang": "fr"}'],
    ['unknown plan', '{"plan": "nope"}'],
    ['unknown field', '{"colour": "red"}'],
    ['not JSON', '{teams: 2'],
    ['a JSON array', '[1,2]'],
  ])('POST /api/games with %s → 400 {error} in words, no stack', async (_name, body) => {
    const res = await fetch(`${t.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(typeof json.error).toBe('string');
    expect(json.error.length).toBeGreaterThan(8);
    expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  it('serves the student page with the labelled join form, in the asked language, and the host page', async () => {
    const en = await (await fetch(`${t.url}/?lang=en`)).text();
    expect(en).toContain('<label for="code" data-i18n="join.code">Game code</label>');
    expect(en).toContain('<label for="name" data-i18n="join.nickname">Nickname</label>');
    expect(en).toMatch(/<button type="submit"[^>]*>Join<\/button>/);
    const es = await (await fetch(`${t.url}/`, { headers: { 'accept-language': 'es-ES,es;q=0.9' } })).text();
    expect(es).toContain('>Código de la partida</label>');
    const host = await fetch(`${t.url}/host?lang=en`);
    expect(host.status).toBe(200);
    expect(await host.text()).toContain('>Create game</button>');
  });

  it('serves compressed assets and a QR code pointing at /?code=CODE', async () => {
    const page = await (await fetch(`${t.url}/?lang=en`)).text();
    const asset = page.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const res = await fetch(`${t.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const { code } = await t.createGame();
    const qr = await fetch(`${t.url}/api/games/${code}/qr.svg`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toContain('<svg');
    const url = await (await fetch(`${t.url}/api/games/${code}/join-url`)).json();
    expect(url.joinUrl).toMatch(new RegExp(`/\\?code=${code}$`));
  });

  it('fills the join form back in when Join was tapped before the page\'s script ran (the form\'s own GET), escaped', async () => {
    const html = await (await fetch(`${t.url}/?code=abc234&name=${encodeURIComponent('Ana "<b>"')}&lang=en`)).text();
    expect(html).toMatch(/<input id="code" value="ABC234" /);
    expect(html).toMatch(/<input id="name" value="Ana &quot;&lt;b&gt;&quot;" /);
    const plain = await (await fetch(`${t.url}/?lang=en`)).text();
    expect(plain).toMatch(/<input id="code" name="code"/);
    const odd = await (await fetch(`${t.url}/?code=${encodeURIComponent('"><script>x</script>')}&lang=en`)).text();
    expect(odd).toMatch(/<input id="code" value="SCRIPT" /);
    expect(odd).not.toContain('<script>x');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${t.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
  });
});
