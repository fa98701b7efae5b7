// The end of a scenario round (layout/report.ts): the concept the round taught, what Score and
// Points mean in one line, and a row per team ordered by this round's points: availability, p95,
// cost, points, how its place in the game moved, and for the round's most common incidents the
// time to detect and to recover.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene } from './base.ts';
import { addShape } from './shapes.ts';
import { t, list, currentLang } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView, TeamReportView } from '../../view/model.ts';
import { availabilityColor, count, incidentCauses, percent, reportOrder } from '../../view/story.ts';
import { layoutReport } from './layout/report.ts';
import { SCENARIO } from '../../../../shared/constants.ts';
import { SCORE } from '../../../../shared/sim/constants.ts';

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

export class ScenarioReportScene extends HostScene {
  private content: Phaser.GameObjects.Container | null = null;
  private key = '';

  constructor() {
    super(SCENES.hostScenarioReport);
  }

  protected build(): void {
    this.key = '';
    this.content = null;
  }

  render(v: GameView): void {
    const key = JSON.stringify(v.scenario.reports);
    if (key === this.key) return;
    this.key = key;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const lang = currentLang();
    const names = list('teams.names');
    const rows = reportOrder(v.scenario.reports);
    const causes = incidentCauses(rows);
    const sec = (n: number) => (n < 0 ? t('ops.report.never') : t('ops.report.seconds', { s: n }));
    // A move means something only if the teams were not all level before (a first round).
    const level = rows.every((r) => r.rankBefore === rows[0]!.rankBefore);
    const move = (r: TeamReportView) => (level ? String(r.rankAfter) : r.rankBefore === r.rankAfter ? `= ${r.rankAfter}` : `${r.rankBefore} → ${r.rankAfter} ${r.rankAfter < r.rankBefore ? '▲' : '▼'}`);
    const layout = layoutReport(this.measure, {
      title: `${t('ops.report.title')}: ${v.scenario.title}`,
      concept: v.scenario.concept,
      explain: t('ops.report.explain', { max: count(SCORE.reliability, lang), budget: count(SCORE.budget, lang), factor: SCENARIO.pointsPerScore }),
      headers: [t('ops.report.team'), t('ops.report.availability'), t('ops.report.p95'), t('ops.report.cost'), t('ops.report.points'), t('ops.report.gameRank')],
      rows: rows.map((r, i) => [
        `${i + 1}. ${names[r.team] ?? ''}`,
        percent(r.availability, lang, 2),
        `${count(r.p95, lang)} ms`,
        `$${count(r.cost, lang)}`,
        `+${count(r.points, lang)}`,
        move(r),
      ]),
      incidentHeaders: causes.map((cause) => capitalize(t('ops.report.incidentTimes', { incident: t(`ops.causes.${cause}`) }))),
      incidentRows: rows.map((r) =>
        causes.map((cause) => {
          const inc = r.incidents.find((i) => i.cause === cause);
          return inc ? `${sec(inc.ttd)} / ${sec(inc.ttr)}` : '—';
        }),
      ),
    });
    c.add([this.draw(layout.title), this.draw(layout.concept), this.draw(layout.explain), ...layout.headers.map((h) => this.draw(h))]);
    layout.cells.forEach((cells, i) => {
      const r = rows[i]!;
      const box = layout.rows[i]!;
      const row = this.add.container(0, 0);
      if (i % 2 === 0) row.add(this.add.rectangle(box.x - 16, box.y, box.width + 32, box.height, 0xffffff, 0.05).setOrigin(0));
      const color = hex(TEAM_COLORS[r.team] ?? '#888888');
      row.add(addShape(this, box.x + 20, box.y + box.height / 2, TEAM_SHAPES[r.team] ?? 'circle', 17, color));
      const colors = [undefined, availabilityColor(r.availability), undefined, undefined, '#f1c40f', level ? undefined : r.rankAfter < r.rankBefore ? '#2ecc71' : r.rankAfter > r.rankBefore ? '#9fb3c8' : undefined];
      cells.forEach((cell, col) => {
        cell.color = colors[col] ?? (col >= colors.length ? '#dfeaf7' : undefined);
        row.add(this.draw(cell));
      });
      row.setAlpha(0);
      this.animate({ targets: row, alpha: 1, duration: 350, delay: 200 + i * 150 });
      c.add(row);
    });
  }
}
