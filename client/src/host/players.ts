// The players panel of the teacher's page: every player with their team (movable in the lobby)
// and a Remove button (that nickname then stays out).
import { t, list } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { TEAM_COLORS, TEAM_SHAPES, shapeSvg } from '../view/palette.ts';
import type { GameView } from '../view/model.ts';

export interface PlayerActions {
  move(playerId: string, team: number): void;
  kick(playerId: string): void;
}

/** Fills `panel` unless what it shows (returned as a key) is unchanged since `lastKey`. */
export function renderPlayers(panel: HTMLElement, v: GameView, lastKey: string, actions: PlayerActions): string {
  const entries = Object.entries(v.players ?? {}).sort((a, b) => a[1].team - b[1].team || a[1].name.localeCompare(b[1].name));
  const key = `players|${v.phase}|${entries.map(([id, p]) => `${id}:${p.team}:${p.connected}`).join(',')}`;
  if (key === lastKey) return key;
  const names = list('teams.names');
  const rows = entries.map(([id, p]) => {
    const select = el('select', { disabled: v.phase !== 'lobby' });
    select.setAttribute('aria-label', t('host.moveTo', { name: p.name }));
    for (let team = 0; team < v.teamCount; team++) select.append(el('option', { value: String(team), textContent: names[team] ?? String(team + 1), selected: team === p.team }));
    select.onchange = () => actions.move(id, Number(select.value));
    const remove = el('button', {
      type: 'button',
      className: 'danger small',
      textContent: t('host.remove'),
      onclick: () => {
        if (confirm(t('host.removeConfirm', { name: p.name }))) actions.kick(id);
      },
    });
    remove.setAttribute('aria-label', `${t('host.remove')} ${p.name}`);
    const chip = el('span', { className: 'dot' });
    chip.innerHTML = shapeSvg(TEAM_SHAPES[p.team] ?? 'circle', TEAM_COLORS[p.team] ?? '#fff');
    return el('li', { className: p.connected ? '' : 'offline' }, chip, el('span', { className: 'name' }, p.name), select, remove);
  });
  panel.replaceChildren(el('h2', {}, `${t('host.managePlayers')} · ${t('host.players', { count: entries.length })}`), el('ul', {}, ...rows));
  return key;
}
