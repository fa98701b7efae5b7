// Traffic in the ops center's focused service map: dots travelling along the request paths, at a
// rate that follows throughput, red ones (the error rate's share) stopping where they fail. They
// move in a small canvas of their own laid over the map, redrawn at TRAFFIC_FPS, so that the
// projector's full view is redrawn only when something in it changes (a 1920×1080 frame costs a
// laptop without a GPU a quarter of a second; this layer, a few milliseconds).

/** Frames per second of the traffic layer. */
export const TRAFFIC_FPS = 20;
const MAX_DOTS = 40;
/** Logical px per second a dot travels. */
const DOT_SPEED = 420;
const DOT_R = 8;
const FADE = 60;

import { projectorStats } from './stats.ts';

type Point = { x: number; y: number };

interface Dot {
  points: Point[];
  at: number;
  end: number;
  failed: boolean;
}

export interface TrafficInput {
  /** Requests per second and the share that fails (0..1). */
  rate: number;
  errors: number;
}

/**
 * A canvas over the logical rectangle `area` of the projector view (placed with the stage's
 * --k/--ox/--oy, see host/frame.ts), drawing dots along `paths` (logical coordinates).
 */
export class TrafficLayer {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D | null;
  private dots: Dot[] = [];
  private debt = 0;
  private input: TrafficInput = { rate: 0, errors: 0 };
  private raf = 0;
  private last = 0;
  private scale = 0;

  constructor(
    private readonly stage: HTMLElement,
    private readonly area: { x: number; y: number; width: number; height: number },
    private readonly paths: Point[][],
  ) {
    this.canvas.className = 'traffic';
    this.canvas.setAttribute('aria-hidden', 'true');
    Object.assign(this.canvas.style, {
      position: 'absolute',
      pointerEvents: 'none',
      left: `calc(var(--ox) + ${area.x}px * var(--k))`,
      top: `calc(var(--oy) + ${area.y}px * var(--k))`,
      width: `calc(${area.width}px * var(--k))`,
      height: `calc(${area.height}px * var(--k))`,
    });
    this.ctx = this.canvas.getContext('2d');
    stage.append(this.canvas);
  }

  /** New figures (once a second); `moving` false stops the layer (paused, reduced motion). */
  update(input: TrafficInput, moving: boolean): void {
    this.input = input;
    if (moving && !this.raf) {
      this.last = performance.now();
      this.raf = requestAnimationFrame((t) => this.tick(t));
    } else if (!moving && this.raf) {
      cancelAnimationFrame(this.raf);
      this.raf = 0;
      this.dots = [];
      this.draw();
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.canvas.remove();
  }

  private tick(now: number): void {
    this.raf = requestAnimationFrame((t) => this.tick(t));
    if (now - this.last < 1000 / TRAFFIC_FPS - 2) return;
    this.frame(now);
  }

  private frame(now: number): void {
    projectorStats.trafficFrames++;
    const dt = Math.min(0.25, (now - this.last) / 1000);
    this.last = now;
    // about 2 dots per second at 100 req/s, up to ~12 per second at 5,000 req/s
    this.debt += Math.min(12, Math.sqrt(this.input.rate) / 5) * dt;
    while (this.debt >= 1 && this.dots.length < MAX_DOTS) {
      this.debt -= 1;
      this.spawn(Math.random() < this.input.errors);
    }
    if (this.dots.length >= MAX_DOTS) this.debt = 0;
    const step = DOT_SPEED * dt;
    this.dots = this.dots.filter((d) => (d.at += step) < d.end + FADE);
    this.draw();
  }

  private spawn(failed: boolean): void {
    const points = this.paths[Math.floor(Math.random() * this.paths.length)]!.map((p) => ({ x: p.x - this.area.x, y: p.y - this.area.y }));
    let length = 0;
    for (let i = 1; i < points.length; i++) length += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
    this.dots.push({ points, at: 0, end: failed ? length * (0.25 + Math.random() * 0.6) : length, failed });
  }

  private draw(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const rect = this.canvas.getBoundingClientRect();
    const k = rect.width / this.area.width;
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    if (this.canvas.width !== width || this.canvas.height !== height || this.scale !== k) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.scale = k;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.setTransform(k, 0, 0, k, 0, 0);
    for (const d of this.dots) {
      const p = pointAt(d.points, Math.min(d.at, d.end));
      const past = Math.max(0, d.at - d.end);
      ctx.globalAlpha = 1 - past / FADE;
      ctx.fillStyle = d.failed ? '#ff5252' : '#7fdbff';
      ctx.beginPath();
      ctx.arc(p.x, p.y, DOT_R * (d.failed ? 1 + past / 30 : 1), 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
}

function pointAt(points: Point[], distance: number): Point {
  let left = distance;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= seg) return { x: a.x + ((b.x - a.x) * left) / seg, y: a.y + ((b.y - a.y) * left) / seg };
    left -= seg;
  }
  return points.at(-1)!;
}
