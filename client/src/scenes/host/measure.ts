// The fitting function's measurer in the page: a canvas measuring with the projector's font, as
// Phaser's Text draws it. Widths are cached per size and text.
import type { Measure } from '../../view/fit.ts';
import { FONT } from './font.ts';

let ctx: CanvasRenderingContext2D | null = null;
const cache = new Map<string, number>();

export const canvasMeasure: Measure = (text, size, bold) => {
  const key = `${bold ? 'b' : 'n'}${size}|${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    ctx ??= document.createElement('canvas').getContext('2d')!;
    ctx.font = `${bold ? 'bold ' : ''}${size}px ${FONT}`;
    width = ctx.measureText(text).width;
    if (cache.size > 20_000) cache.clear();
    cache.set(key, width);
  }
  return width;
};
