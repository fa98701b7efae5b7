// Colours and shapes: answers and teams are told apart by shape and text as well as colour.
export const ANSWER_COLORS = ['#e21b3c', '#1368ce', '#c98a00', '#26890c'] as const;
export const ANSWER_SHAPES = ['triangle', 'diamond', 'circle', 'square'] as const;
export const TEAM_COLORS = ['#e4572e', '#2e86ab', '#8e44ad', '#17a398', '#f2a541', '#c2185b', '#5c6bc0', '#6d8b2f'] as const;
export const TEAM_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'cross', 'pentagon'] as const;
export type Shape = (typeof TEAM_SHAPES)[number];

export const UI = {
  bg: '#0f1b2d',
  panel: '#17263d',
  text: '#ffffff',
  muted: '#9fb3c8',
  ok: '#2ecc71',
  bad: '#e74c3c',
  warn: '#f1c40f',
} as const;

export const hex = (css: string): number => parseInt(css.slice(1), 16);

/** SVG markup of a shape in a 24×24 box (for DOM buttons and chips). */
export function shapeSvg(shape: Shape, fill = '#fff'): string {
  const paths: Record<Shape, string> = {
    circle: '<circle cx="12" cy="12" r="9"/>',
    square: '<rect x="4" y="4" width="16" height="16" rx="1"/>',
    triangle: '<polygon points="12,3 22,20 2,20"/>',
    diamond: '<polygon points="12,2 22,12 12,22 2,12"/>',
    star: '<polygon points="12,2 14.9,8.9 22,9.3 16.5,14 18.2,21 12,17.2 5.8,21 7.5,14 2,9.3 9.1,8.9"/>',
    hexagon: '<polygon points="7,3 17,3 22,12 17,21 7,21 2,12"/>',
    cross: '<polygon points="9,2 15,2 15,9 22,9 22,15 15,15 15,22 9,22 9,15 2,15 2,9 9,9"/>',
    pentagon: '<polygon points="12,2 22,9.5 18,21 6,21 2,9.5"/>',
  };
  return `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="${fill}">${paths[shape]}</svg>`;
}

/** The points of a shape centred on (0,0) with radius r, for Phaser polygons. */
export function shapePoints(shape: Shape, r: number): { x: number; y: number }[] | null {
  const poly = (n: number, rot = -Math.PI / 2, radius = r) =>
    Array.from({ length: n }, (_, i) => ({ x: Math.cos(rot + (i * 2 * Math.PI) / n) * radius, y: Math.sin(rot + (i * 2 * Math.PI) / n) * radius }));
  switch (shape) {
    case 'circle':
      return null;
    case 'square':
      return poly(4, Math.PI / 4, r * 1.2);
    case 'triangle':
      return poly(3);
    case 'diamond':
      return poly(4);
    case 'hexagon':
      return poly(6, 0);
    case 'pentagon':
      return poly(5);
    case 'star':
      return Array.from({ length: 10 }, (_, i) => {
        const rr = i % 2 === 0 ? r : r * 0.45;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        return { x: Math.cos(a) * rr, y: Math.sin(a) * rr };
      });
    case 'cross': {
      const a = r * 0.35;
      return [
        { x: -a, y: -r }, { x: a, y: -r }, { x: a, y: -a }, { x: r, y: -a }, { x: r, y: a }, { x: a, y: a },
        { x: a, y: r }, { x: -a, y: r }, { x: -a, y: a }, { x: -r, y: a }, { x: -r, y: -a }, { x: -a, y: -a },
      ];
    }
  }
}
