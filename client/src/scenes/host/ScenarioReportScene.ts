// The end of a scenario round: each team's report (availability, p95, cost, score, and per
// incident the time to detect and to recover), the points added to the game total and how the
// ranks moved.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';

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
    c.add(this.add.text(W / 2, 50, `${t('ops.report.title')}: ${v.scenario.title}`, textStyle(48)).setOrigin(0.5));
    c.add(this.add.text(W / 2, 110, v.scenario.concept, textStyle(24, { fontStyle: 'normal', color: '#9fb3c8', align: 'center', wordWrap: { width: W - 300 } })).setOrigin(0.5, 0));
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const cols = [
      { x: 80, label: t('ops.report.rank') },
      { x: 200, label: t('ops.report.team') },
      { x: 560, label: t('ops.report.availability') },
      { x: 820, label: t('ops.report.p95') },
      { x: 980, label: t('ops.report.cost') },
      { x: 1130, label: t('ops.report.score') },
      { x: 1300, label: t('ops.report.points') },
      { x: 1480, label: t('ops.report.incidents') },
    ];
    const headerY = 220;
    for (const col of cols) c.add(this.add.text(col.x, headerY, col.label, textStyle(22, { color: '#9fb3c8', wordWrap: { width: col.x === 1480 ? 420 : 240 } })));
    const rows = [...v.scenario.reports].sort((a, b) => a.rankAfter - b.rankAfter || a.team - b.team);
    const rowH = Math.min(100, 700 / Math.max(1, rows.length));
    rows.forEach((r, i) => {
      const y = headerY + 70 + i * rowH;
      const color = hex(TEAM_COLORS[r.team] ?? '#888888');
      const move = r.rankBefore - r.rankAfter;
      const arrow = move > 0 ? `▲${move}` : move < 0 ? `▼${-move}` : '=';
      const row = this.add.container(0, 0);
      row.add(this.add.text(cols[0]!.x, y, `${r.rankAfter} ${arrow}`, textStyle(34, { color: move > 0 ? '#2ecc71' : move < 0 ? '#ff6b6b' : '#ffffff' })));
      row.add(addShape(this, cols[1]!.x + 16, y + 20, TEAM_SHAPES[r.team] ?? 'circle', 16, color));
      row.add(this.add.text(cols[1]!.x + 44, y, names[r.team] ?? '', textStyle(34)));
      const avail = r.availability / 100;
      row.add(this.add.text(cols[2]!.x, y, `${avail.toFixed(2)} %`, textStyle(34, { color: avail >= 99.5 ? '#2ecc71' : avail >= 98 ? '#f1c40f' : '#ff6b6b' })));
      row.add(this.add.text(cols[3]!.x, y, `${r.p95} ms`, textStyle(34)));
      row.add(this.add.text(cols[4]!.x, y, String(r.cost), textStyle(34)));
      row.add(this.add.text(cols[5]!.x, y, String(r.score), textStyle(34)));
      row.add(this.add.text(cols[6]!.x, y, `+${r.points}`, textStyle(34, { color: '#f1c40f' })));
      const sec = (n: number) => (n < 0 ? t('ops.report.never') : t('ops.report.seconds', { s: n }));
      row.add(this.add.text(cols[7]!.x, y + 4, r.incidents.map((inc) => `${t(`ops.causes.${inc.cause}`)}: ${sec(inc.ttd)} / ${sec(inc.ttr)}`).join('\n'), textStyle(18, { fontStyle: 'normal', wordWrap: { width: 420 } })));
      row.setAlpha(0).setX(-40);
      this.tweens.add({ targets: row, alpha: 1, x: 0, duration: 350, delay: 200 + i * 150 });
      c.add(row);
    });
  }
}
