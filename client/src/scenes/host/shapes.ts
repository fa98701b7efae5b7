// Phaser drawing helpers for shapes (answers and teams are never told apart by colour alone).
import Phaser from 'phaser';
import { shapePoints, type Shape } from '../../view/palette.ts';

export function addShape(scene: Phaser.Scene, x: number, y: number, shape: Shape, r: number, color: number, alpha = 1): Phaser.GameObjects.Shape {
  const pts = shapePoints(shape, r);
  if (!pts) return scene.add.circle(x, y, r, color, alpha);
  const minX = Math.min(...pts.map((p) => p.x));
  const minY = Math.min(...pts.map((p) => p.y));
  const poly = scene.add.polygon(x, y, pts.map((p) => ({ x: p.x - minX, y: p.y - minY })), color, alpha);
  return poly;
}
