// `npm run bench:security`: what the attacks of issue 12 cost a server now, measured against
// the built server (dist/server/main.js, as `npm start` runs it) in its own process:
// - xlsx: each hostile workbook of tests/security/xlsx-bombs.ts uploaded `--rounds` times; the
//   time until its 400 (median and worst), and how late the rooms' beats ran meanwhile (a game
//   is open on the server; ua_room_beat_lag_seconds, worst bucket reached while bombs land).
//   The same reading over 5 quiet seconds first tells how late beats run anyway on this machine.
// - guessing: 1,000 joinById with random codes from one address (default limits): how many the
//   matchmaker examined before the address was made to wait, and the guesses per minute that allows.
// - metrics: 5,000 GET /api/<random> (the old server grew /metrics to 18.7 MB, a scrape then
//   blocked 2.6 s): /metrics size and scrape time before and after.
// Prints one line per measurement and, last, a JSON line with every figure.
import { performance } from 'node:perf_hooks';
import { BOMBS } from '../tests/security/xlsx-bombs.ts';
import { startBuiltServer } from './server-process.ts';
import { JOIN_DEFAULTS } from '../server/config.ts';
import { GAME } from '../shared/constants.ts';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The cumulative buckets of a histogram in a /metrics text. */
function buckets(text: string, name: string): Map<number, number> {
  const out = new Map<number, number>();
  const re = new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) out.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  return out;
}

/** The smallest bucket bound that holds every observation made between two scrapes (ms). */
function worstBetween(before: string, after: string, name: string): number {
  const a = buckets(before, name);
  const b = buckets(after, name);
  const total = (b.get(Infinity) ?? 0) - (a.get(Infinity) ?? 0);
  for (const le of [...b.keys()].sort((x, y) => x - y)) if ((b.get(le) ?? 0) - (a.get(le) ?? 0) >= total) return le * 1000;
  return Infinity;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const server = await startBuiltServer({
  TICK_MS: '100',
  JOIN_LIMIT_PER_GAME: String(JOIN_DEFAULTS.perGame),
  JOIN_LIMIT_PER_ADDRESS: String(JOIN_DEFAULTS.perAddress),
  JOIN_FAILURES_PER_MINUTE: String(JOIN_DEFAULTS.failures),
});
const figures: Record<string, unknown> = {};
try {
  await fetch(`${server.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
  // The same machine without uploads, for comparison: how late beats run anyway (other load).
  const quietFrom = await scrape();
  await new Promise((r) => setTimeout(r, 5000));
  const before = await scrape();
  const quietBeatLagWorstMs = worstBetween(quietFrom, before, 'ua_room_beat_lag_seconds');
  console.log(`rooms' beat lag in 5 s without uploads: every beat within ${quietBeatLagWorstMs} ms of its time`);
  figures.quietBeatLagWorstMs = quietBeatLagWorstMs;
  const xlsx: Record<string, { medianMs: number; worstMs: number; status: number }> = {};
  for (const bomb of BOMBS) {
    const file = new Uint8Array(bomb.file());
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/sets`, { method: 'POST', headers: { 'content-type': XLSX }, body: file });
      await res.text();
      times.push(performance.now() - t0);
      status = res.status;
    }
    xlsx[bomb.name] = { medianMs: Math.round(median(times)), worstMs: Math.round(Math.max(...times)), status };
    console.log(`xlsx ${bomb.name} (${file.length} B): ${status} in ${xlsx[bomb.name]!.medianMs} ms median, ${xlsx[bomb.name]!.worstMs} ms worst`);
  }
  const after = await scrape();
  const beatLagWorstMs = worstBetween(before, after, 'ua_room_beat_lag_seconds');
  console.log(`rooms' beat lag while the bombs landed: every beat within ${beatLagWorstMs} ms of its time`);
  figures.xlsx = xlsx;
  figures.xlsxWorstRefusalMs = Math.max(...Object.values(xlsx).map((x) => x.worstMs));
  figures.xlsxBeatLagWorstMs = beatLagWorstMs;

  const code = () => Array.from({ length: GAME.codeLength }, () => GAME.codeAlphabet[Math.floor(Math.random() * GAME.codeAlphabet.length)]).join('');
  let examined = 0;
  const g0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const res = await fetch(`${server.url}/matchmake/joinById/${code()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await res.text();
    if (res.status !== 429) examined++;
  }
  const guessSeconds = (performance.now() - g0) / 1000;
  console.log(`guessing: ${examined} of 1000 random codes examined in ${guessSeconds.toFixed(1)} s, the rest refused (429): at most ${JOIN_DEFAULTS.failures} guesses per minute per address`);
  figures.guessesExamined = examined;
  figures.guessesPerMinuteAllowed = JOIN_DEFAULTS.failures;

  const timedScrape = async () => {
    const t0 = performance.now();
    const text = await scrape();
    return { bytes: text.length, ms: Math.round(performance.now() - t0) };
  };
  const m0 = await timedScrape();
  for (let i = 0; i < 5000; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, k) => fetch(`${server.url}/api/${code()}${(i + k) % 2 ? `/${i + k}` : ''}`).then((r) => r.text())));
  }
  const m1 = await timedScrape();
  console.log(`metrics: ${m0.bytes} B (${m0.ms} ms) before, ${m1.bytes} B (${m1.ms} ms) after 5,000 GET /api/<random>`);
  figures.metricsBytesBefore = m0.bytes;
  figures.metricsBytesAfter = m1.bytes;
  figures.metricsScrapeMsAfter = m1.ms;
} finally {
  await server.stop();
}
console.log(JSON.stringify(figures));
