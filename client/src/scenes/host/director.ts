// Runs the projector's Phaser game: one scene per phase, started when the phase changes, and
// every state change passed to the running scene as a 'view' event.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { H, W, type ProjectorContext } from './base.ts';
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

export interface ProjectorDirector {
  show(v: GameView): void;
}

export function createDirector(parent: HTMLElement, context: () => ProjectorContext): ProjectorDirector {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#0f1b2d',
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH, width: W, height: H },
    scene: [LobbyScene, RoundIntroScene, QuestionScene, RevealScene, LeaderboardScene, OpsCenterScene, ScenarioReportScene, PodiumScene],
    banner: false,
    audio: { noAudio: true },
    callbacks: { preBoot: (g) => g.registry.set('ctx', context()) },
  });
  // Frames drawn so far, read by bench:projector and the end-to-end tests.
  const stats = { frames: 0 };
  (window as unknown as { uaProjector: typeof stats }).uaProjector = stats;
  game.events.on(Phaser.Core.Events.POST_RENDER, () => stats.frames++);
  let current = '';
  let booted = false;
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
        game.scene.start(key);
        parent.dataset.scene = key;
      } else {
        game.events.emit('view', v);
      }
    },
  };
  return director;
}
