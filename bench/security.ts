// `npm run bench:security`: what the attacks of issue 12 cost a server now, measured against
// the built server (dist/server/main.js, as `npm start` runs it) in its own process:
// - xlsx: each hostile workbook of tests/security/xlsx-bombs.ts uploaded `--rounds` times; the
//   time until its 400 (median and worst), and how late the rooms' beats ran meanwhile (a game
//   is open on the server; ua_room_beat_lag_seconds, worst bucket reached while bombs land).
//   The same reading over 5 quiet seconds first tells how late beats run anyway on this machine.
// Prints one line per measurement and, last, a JSON line with every figure.
import { performance } from 'node:perf_hooks';
import { BOMBS } from '../tests/security/xlsx-bombs.ts';
import { startBuiltServer } from './server-process.ts';

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
const server = await startBuiltServer({ TICK_MS: '100' });
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
} finally {
  await server.stop();
}
console.log(JSON.stringify(figures));
