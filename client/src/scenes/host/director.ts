// Runs the projector's Phaser game: one scene per phase, started when the phase changes, and
// every state change passed to the running scene as a 'view' event.
//
// Frames cost a school laptop dearly (Phaser would redraw 1920×1080 sixty times a second whether
// anything changed or not), so the loop sleeps whenever nothing moves: it wakes for a new view, a
// resize, a click, the clock's next second, and stays awake only while the scene has tweens
// running or says it wants frames (traffic in flight, a countdown ring), at most FPS_LIMIT a second.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { H, W, type HostScene, type ProjectorContext } from './base.ts';
import { projectorStats } from './stats.ts';
import { LobbyScene } from './LobbyScene.ts';
import { RoundIntroScene } from './RoundIntroScene.ts';
import { QuestionScene } from './QuestionScene.ts';
import { RevealScene } from './RevealScene.ts';
import { LeaderboardScene } from './LeaderboardScene.ts';
import { PodiumScene } from './PodiumScene.ts';
import { OpsCenterScene } from './OpsCenterScene.ts';
import { ScenarioReportScene } from './ScenarioReportScene.ts';
import type { GameView } from '../../view/model.ts';

const SCENE_FOR_PHASE: Record<GameView['phase'], string> = {
  lobby: SCENES.hostLobby,
  'round-intro': SCENES.hostRoundIntro,
  question: SCENES.hostQuestion,
  reveal: SCENES.hostReveal,
  leaderboard: SCENES.hostLeaderboard,
  scenario: SCENES.hostOpsCenter,
  'scenario-report': SCENES.hostScenarioReport,
  podium: SCENES.hostPodium,
};

/** Frames per second at most, while something moves. */
const FPS_LIMIT = 30;
/** Frames drawn after a wake-up before the loop may sleep again: one for a change, a few for a new scene. */
const FRAMES_AFTER_WAKE = 1;
const FRAMES_AFTER_START = 3;
/** A clock's own redraw is skipped when the view was redrawn this recently. */
const CLOCK_SLACK_MS = 900;

export interface ProjectorDirector {
  show(v: GameView): void;
  /** Redraws the current scene from scratch (e.g. after "reduce motion" changed). */
  restart(): void;
  /** A local command for the running scene (which team the ops center focuses). */
  command(name: string, value: unknown): void;
}

/** Read by bench:projector and the end-to-end tests (see stats.ts), with whether the loop is awake, the scene and the texts it shows. */
export type ProjectorStats = typeof projectorStats & { readonly awake: boolean; scene: string; readonly texts: string[] };

/** The visible texts under `list` (containers included), as the class reads them on the projector. */
function visibleTexts(list: readonly Phaser.GameObjects.GameObject[], out: string[] = []): string[] {
  for (const o of list) {
    if (o instanceof Phaser.GameObjects.Text && o.visible) out.push(o.text);
    else if (o instanceof Phaser.GameObjects.Container && o.visible) visibleTexts(o.list, out);
  }
  return out;
}

export function createDirector(parent: HTMLElement, context: () => ProjectorContext): ProjectorDirector {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#0f1b2d',
    // The canvas is the stage's size in screen pixels and each scene's camera zooms the 1920×1080
    // view into it (base.ts): a frame fills the pixels on screen, not 1920×1080 scaled down.
    scale: { mode: Phaser.Scale.RESIZE, width: W, height: H },
    scene: [LobbyScene, RoundIntroScene, QuestionScene, RevealScene, LeaderboardScene, OpsCenterScene, ScenarioReportScene, PodiumScene],
    banner: false,
    fps: { limit: FPS_LIMIT },
    audio: { noAudio: true },
    callbacks: { preBoot: (g) => g.registry.set('ctx', context()) },
  });
  const stats: ProjectorStats = Object.defineProperties(Object.assign(projectorStats, { scene: '' }), {
    awake: { get: () => game.loop.running },
    texts: { get: () => visibleTexts(scene()?.children.list ?? []) },
  }) as ProjectorStats;
  (window as unknown as { uaProjector: ProjectorStats }).uaProjector = stats;
  let current = '';
  let booted = false;
  let owed = FRAMES_AFTER_WAKE;

  const scene = (): HostScene | null => (current && game.scene.isActive(current) ? (game.scene.getScene(current) as HostScene) : null);
  let lastWake = 0;
  const wake = (frames = FRAMES_AFTER_WAKE) => {
    owed = Math.max(owed, frames);
    lastWake = performance.now();
    if (booted && !game.loop.running) game.loop.wake(true);
  };
  const busy = (): boolean => {
    const s = scene();
    if (!s) return current !== '';
    return s.tweens.getTweens().length > 0 || s.wantsFrames();
  };
  game.events.on(Phaser.Core.Events.POST_RENDER, () => {
    stats.frames++;
    if (owed > 0) owed--;
    if (owed === 0 && !busy()) game.loop.sleep();
  });
  // A clock on screen changes every second even when nothing else does.
  setInterval(() => {
    if (scene()?.showsClock() && performance.now() - lastWake > CLOCK_SLACK_MS) wake();
  }, 250);
  new ResizeObserver(() => {
    game.scale.dirty = true;
    wake();
  }).observe(parent);
  parent.addEventListener('pointerup', (ev) => {
    const canvas = game.canvas;
    if (!canvas || ev.target !== canvas) return;
    const s = scene();
    if (!s) return;
    const rect = canvas.getBoundingClientRect();
    const p = s.cameras.main.getWorldPoint(((ev.clientX - rect.left) * canvas.width) / rect.width, ((ev.clientY - rect.top) * canvas.height) / rect.height);
    s.tap(p.x, p.y);
    wake();
  });
  document.addEventListener('visibilitychange', () => wake());

  game.events.once(Phaser.Core.Events.READY, () => {
    booted = true;
    game.registry.set('ctx', context());
    for (const key of Object.values(SCENES)) if (key !== current && game.scene.isActive(key)) game.scene.stop(key);
    const v = context().view;
    if (v) director.show(v);
  });
  const director: ProjectorDirector = {
    show(v) {
      if (!booted) return;
      game.registry.set('ctx', context());
      const key = SCENE_FOR_PHASE[v.phase];
      if (key !== current) {
        if (current) game.scene.stop(current);
        current = key;
        stats.scene = key;
        game.scene.start(key);
        parent.dataset.scene = key;
        wake(FRAMES_AFTER_START);
      } else {
        game.events.emit('view', v);
        wake();
      }
    },
    restart() {
      if (!booted || !current) return;
      game.registry.set('ctx', context());
      game.scene.stop(current);
      game.scene.start(current);
      wake(FRAMES_AFTER_START);
    },
    command(name, value) {
      scene()?.command(name, value);
      wake();
    },
  };
  return director;
}
