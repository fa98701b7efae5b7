// The players panel of the teacher's page: every player with their team (movable in the lobby),
// Rename (an inline field; a refusal is shown beside it in words), Remove (that nickname then
// stays out), and their accommodations (extra time, no speed points: only the teacher sees them).
// Names held for the teacher's approval come first, marked, with Approve and Reject; no shared
// screen shows them until approved. Each player is a group named by their nickname, so the
// controls inside keep plain names ("Rename", "Extra time").
import { t, list } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { TEAM_COLORS, TEAM_SHAPES, shapeSvg } from '../view/palette.ts';
import { GAME } from '../../../shared/constants.ts';
import type { GameView, RosterEntry } from '../view/model.ts';

export interface PlayerActions {
  move(playerId: string, team: number): void;
  kick(playerId: string): void;
  rename(playerId: string, name: string): void;
  review(playerId: string, accept: boolean): void;
  accommodate(playerId: string, extraTime: number, noSpeed: boolean): void;
}

/** The messages of this panel whose refusals it shows itself, beside the control. */
export const PANEL_MESSAGES = ['host:rename', 'host:review-name', 'host:accommodate'] as const;

interface Editing {
  id: string;
  draft: string;
  /** The name sent and not yet answered ('' = none), and the name it replaces: the roster showing a change closes the field. */
  sent: string;
  from: string;
  error: string;
}

/** Held names first, then by team and name. */
export function playerOrder(players: Record<string, RosterEntry>): [string, RosterEntry][] {
  return Object.entries(players).sort((a, b) => Number(b[1].held) - Number(a[1].held) || a[1].team - b[1].team || a[1].name.localeCompare(b[1].name));
}

export class PlayersPanel {
  private key = '';
  private editing: Editing | null = null;
  /** A refusal of Approve/Reject or of an accommodation, shown on the player's row. */
  private rowError: { id: string; text: string } | null = null;
  private view: GameView | null = null;
  /** Which player each of PANEL_MESSAGES last named (a refusal does not say). */
  private readonly lastTarget: Partial<Record<(typeof PANEL_MESSAGES)[number], string>> = {};

  constructor(
    private readonly panel: HTMLElement,
    private readonly actions: PlayerActions,
  ) {}

  /** Forces the next render (after the panel was showing something else, or the language changed). */
  invalidate(): void {
    this.key = '';
  }

  /** The server refused one of this panel's commands: say why where the teacher is looking. */
  refused(type: string, text: string): void {
    const playerId = (PANEL_MESSAGES as readonly string[]).includes(type) ? this.lastTarget[type as (typeof PANEL_MESSAGES)[number]] : undefined;
    if (type === 'host:rename' && this.editing && playerId === this.editing.id) {
      this.editing = { ...this.editing, sent: '', error: text };
    } else if (playerId) {
      this.rowError = { id: playerId, text };
    } else return;
    this.key = '';
    if (this.view && this.panel.isConnected) this.render(this.view);
  }

  render(v: GameView): void {
    this.view = v;
    const players = v.players ?? {};
    const ed = this.editing;
    if (ed && (!players[ed.id] || (ed.sent && players[ed.id]!.name !== ed.from))) this.editing = null;
    const entries = playerOrder(players);
    const key = JSON.stringify([v.phase, v.teamCount, entries, this.editing && [this.editing.id, this.editing.sent, this.editing.error], this.rowError]);
    if (key === this.key) return;
    this.key = key;
    const focused = document.activeElement instanceof HTMLElement && this.panel.contains(document.activeElement) ? document.activeElement.dataset.k : undefined;
    const held = entries.filter(([, p]) => p.held).length;
    const rows = entries.map(([id, p]) => this.row(v, id, p));
    this.panel.replaceChildren(
      el('h2', {}, `${t('host.managePlayers')} · ${t('host.players', { count: entries.length })}`),
      ...(held > 0 ? [el('p', { className: 'held-count' }, t('host.heldCount', { count: held }))] : []),
      el('ul', { className: 'players' }, ...rows),
      el('p', { className: 'hint' }, t('classroom.accommodationsHint')),
    );
    if (focused) this.panel.querySelector<HTMLElement>(`[data-k="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  private row(v: GameView, id: string, p: RosterEntry): HTMLLIElement {
    const k = <E extends HTMLElement>(node: E, what: string): E => {
      node.dataset.k = `${id}:${what}`;
      return node;
    };
    const names = list('teams.names');
    const chip = el('span', { className: 'dot' });
    chip.innerHTML = shapeSvg(TEAM_SHAPES[p.team] ?? 'circle', TEAM_COLORS[p.team] ?? '#fff');
    const select = k(el('select', { disabled: v.phase !== 'lobby' }), 'team');
    select.setAttribute('aria-label', t('host.moveTo', { name: p.name }));
    for (let team = 0; team < v.teamCount; team++) select.append(el('option', { value: String(team), textContent: names[team] ?? String(team + 1), selected: team === p.team }));
    select.onchange = () => this.actions.move(id, Number(select.value));
    const remove = k(
      el('button', {
        type: 'button',
        className: 'danger small',
        textContent: t('host.remove'),
        onclick: () => {
          if (confirm(t('host.removeConfirm', { name: p.name }))) this.actions.kick(id);
        },
      }),
      'remove',
    );
    remove.setAttribute('aria-label', `${t('host.remove')} ${p.name}`);

    // The name on a line of its own (never squeezed by the buttons), then what the teacher can do.
    const editing = this.editing?.id === id ? this.editing : null;
    const lines: HTMLElement[] = [];
    if (editing) {
      lines.push(el('div', { className: 'line' }, chip, ...this.renameField(id, p, editing)));
      if (editing.error) lines.push(el('p', { className: 'row-error', role: 'alert' }, editing.error));
    } else {
      lines.push(el('div', { className: 'line' }, chip, el('span', { className: 'name', title: p.name }, p.name), ...(p.held ? [el('span', { className: 'badge' }, t('classroom.waiting'))] : [])));
    }
    if (p.held) {
      const approve = k(el('button', { type: 'button', className: 'small approve', textContent: t('host.approve'), onclick: () => this.review(id, true) }), 'approve');
      const reject = k(el('button', { type: 'button', className: 'small danger', textContent: t('classroom.reject'), onclick: () => this.review(id, false) }), 'reject');
      lines.push(el('div', { className: 'line' }, approve, reject));
    }
    const rename = k(el('button', { type: 'button', className: 'small', textContent: t('classroom.rename'), disabled: !!editing, onclick: () => this.startRename(id, p) }), 'rename');
    lines.push(el('div', { className: 'line' }, select, rename, remove));
    lines.push(this.accommodations(id, p, k));
    if (this.rowError?.id === id) lines.push(el('p', { className: 'row-error', role: 'alert' }, this.rowError.text));
    const li = el('li', { className: [p.connected ? '' : 'offline', p.held ? 'held' : ''].filter(Boolean).join(' ') }, ...lines);
    li.setAttribute('role', 'group');
    li.setAttribute('aria-label', p.held ? `${p.name} (${t('classroom.waiting')})` : p.name);
    li.dataset.player = id;
    return li;
  }

  private accommodations(id: string, p: RosterEntry, k: <E extends HTMLElement>(node: E, what: string) => E): HTMLElement {
    const extra = k(el('select', {}), 'extra');
    for (const f of GAME.extraTimeFactors) extra.append(el('option', { value: String(f), textContent: f === 1 ? t('classroom.extraNone') : `×${f.toLocaleString(document.documentElement.lang || 'es')}`, selected: f === p.extraTime }));
    const noSpeed = k(el('input', { type: 'checkbox', checked: p.noSpeed }), 'nospeed');
    const send = () => {
      this.rowError = null;
      this.lastTarget['host:accommodate'] = id;
      this.actions.accommodate(id, Number(extra.value), noSpeed.checked);
    };
    extra.onchange = send;
    noSpeed.onchange = send;
    extra.id = `extra-time-${id}`;
    return el('div', { className: 'line accommodations' }, el('label', { className: 'field', htmlFor: extra.id }, t('classroom.extraTime')), extra, el('label', { className: 'check' }, noSpeed, ' ', t('classroom.noSpeed')));
  }

  private renameField(id: string, p: RosterEntry, editing: Editing): HTMLElement[] {
    const input = el('input', { type: 'text', value: editing.draft, maxLength: 40, autocomplete: 'off', spellcheck: false });
    input.dataset.k = `${id}:rename-input`;
    input.setAttribute('aria-label', t('classroom.newName', { name: p.name }));
    if (editing.error) input.setAttribute('aria-invalid', 'true');
    input.oninput = () => {
      if (this.editing?.id === id) this.editing.draft = input.value;
    };
    const save = () => {
      const name = input.value.trim();
      if (!name || name === p.name) {
        this.cancelRename();
        return;
      }
      this.editing = { id, draft: input.value, sent: name, from: p.name, error: '' };
      this.lastTarget['host:rename'] = id;
      this.actions.rename(id, name);
    };
    input.onkeydown = (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        save();
      } else if (ev.key === 'Escape') {
        ev.stopPropagation();
        this.cancelRename();
      }
    };
    const saveBtn = el('button', { type: 'button', className: 'small approve', textContent: t('classroom.save'), onclick: save });
    saveBtn.dataset.k = `${id}:save`;
    const cancel = el('button', { type: 'button', className: 'small', textContent: t('classroom.cancel'), onclick: () => this.cancelRename() });
    cancel.dataset.k = `${id}:cancel`;
    return [input, saveBtn, cancel];
  }

  private startRename(id: string, p: RosterEntry): void {
    this.editing = { id, draft: p.name, sent: '', from: p.name, error: '' };
    this.key = '';
    if (!this.view) return;
    this.render(this.view);
    const input = this.panel.querySelector<HTMLInputElement>(`[data-k="${CSS.escape(`${id}:rename-input`)}"]`);
    input?.focus();
    input?.select();
  }

  private cancelRename(): void {
    const id = this.editing?.id;
    this.editing = null;
    this.key = '';
    if (!this.view) return;
    this.render(this.view);
    if (id) this.panel.querySelector<HTMLElement>(`[data-k="${CSS.escape(`${id}:rename`)}"]`)?.focus();
  }

  private review(id: string, accept: boolean): void {
    this.rowError = null;
    this.lastTarget['host:review-name'] = id;
    this.actions.review(id, accept);
  }
}
