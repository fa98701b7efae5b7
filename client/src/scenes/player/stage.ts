// The phone's Phaser layer: a quiet network of nodes and packets in the team's colour behind the
// DOM controls, and a burst when a result comes in. It renders only; it never sends anything.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { TEAM_COLORS, hex } from '../../view/palette.ts';

export interface PlayerStage {
  setTeam(team: number): void;
  feedback(kind: 'correct' | 'partial' | 'wrong'): void;
}

class BackdropScene extends Phaser.Scene {
  private color = 0x2e86ab;
  private nodes: Phaser.GameObjects.Arc[] = [];
  private links: Phaser.GameObjects.Graphics | null = null;
  private packets: Phaser.GameObjects.Particles.ParticleEmitter | null = null;
  created = false;

  constructor() {
    super(SCENES.playerBackdrop);
  }

  create(): void {
    const g = this.add.graphics();
    g.fillStyle(0xffffff, 1).fillCircle(6, 6, 6);
    g.generateTexture('dot', 12, 12);
    g.destroy();
    this.layout();
    this.created = true;
    this.scale.on('resize', () => this.layout());
  }

  private layout(): void {
    const { width, height } = this.scale;
    this.nodes.forEach((n) => n.destroy());
    this.links?.destroy();
    this.packets?.destroy();
    const points = Array.from({ length: 7 }, (_, i) => ({ x: width * (0.15 + 0.7 * ((i * 37) % 100) / 100), y: height * (0.12 + (0.76 * i) / 6) }));
    this.links = this.add.graphics().lineStyle(2, this.color, 0.25);
    for (let i = 1; i < points.length; i++) this.links.lineBetween(points[i - 1]!.x, points[i - 1]!.y, points[i]!.x, points[i]!.y);
    this.nodes = points.map((p) => {
      const c = this.add.circle(p.x, p.y, 9, this.color, 0.35);
      this.tweens.add({ targets: c, scale: 1.4, alpha: 0.15, duration: 1400 + Math.random() * 800, yoyo: true, repeat: -1 });
      return c;
    });
    this.packets = this.add.particles(0, 0, 'dot', {
      x: { min: 0, max: width },
      y: height + 10,
      speedY: { min: -60, max: -25 },
      lifespan: 9000,
      quantity: 1,
      frequency: 700,
      scale: { min: 0.3, max: 0.7 },
      alpha: { start: 0.5, end: 0 },
      tint: this.color,
    });
  }

  setTeam(team: number): void {
    this.color = hex(TEAM_COLORS[team] ?? '#2e86ab');
    if (this.created) this.layout();
  }

  feedback(kind: 'correct' | 'partial' | 'wrong'): void {
    const { width, height } = this.scale;
    const tint = kind === 'correct' ? 0x2ecc71 : kind === 'partial' ? 0xf1c40f : 0xe74c3c;
    if (kind === 'wrong') {
      this.cameras.main.shake(250, 0.01);
      this.cameras.main.flash(250, 120, 20, 20);
      return;
    }
    const burst = this.add.particles(width / 2, height * 0.45, 'dot', {
      speed: { min: 150, max: 420 },
      angle: { min: 0, max: 360 },
      lifespan: 900,
      scale: { start: 1.2, end: 0 },
      tint,
      emitting: false,
    });
    burst.explode(kind === 'correct' ? 60 : 25);
    this.time.delayedCall(1200, () => burst.destroy());
  }
}

export function createPlayerStage(parent: HTMLElement): PlayerStage {
  const scene = new BackdropScene();
  new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    transparent: true,
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 360, height: parent.clientHeight || 640 },
    scene,
    banner: false,
    audio: { noAudio: true },
    fps: { target: 30 },
  });
  return {
    setTeam(team) {
      scene.setTeam(team);
    },
    feedback(kind) {
      if (scene.created) scene.feedback(kind);
    },
  };
}
