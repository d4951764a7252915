// The text drawn on the canvas (map names, legend, seat names, trust numbers). All of it is
// redrawn on every change, so one layer keeps the objects and clears them together.
import * as Phaser from "phaser";
// The size floor lives with the layout, which is plain geometry (and checked without a browser).
import { MIN_TEXT_PX } from "./table-layout.ts";

export { MIN_TEXT_PX };
export const FONT = '"Inter", "Segoe UI", system-ui, sans-serif';

export interface TextOptions {
  colour?: string;
  bold?: boolean;
  origin?: [number, number];
  bg?: string;
  stroke?: string;
  strokeWidth?: number;
  align?: "left" | "center" | "right";
  wrap?: number;
}

export class LabelLayer {
  private readonly scene: Phaser.Scene;
  private items: Phaser.GameObjects.Text[] = [];

  constructor(scene: Phaser.Scene) {
    this.scene = scene;
  }

  text(x: number, y: number, s: string, size: number, opts: TextOptions = {}): Phaser.GameObjects.Text {
    const t = this.scene.add.text(x, y, s, {
      fontFamily: FONT,
      fontSize: `${Math.max(MIN_TEXT_PX, size)}px`,
      color: opts.colour ?? "#1b2230",
      fontStyle: opts.bold ? "bold" : "normal",
      align: opts.align ?? "center",
      ...(opts.bg ? { backgroundColor: opts.bg, padding: { x: 4, y: 2 } } : {}),
      ...(opts.stroke ? { stroke: opts.stroke, strokeThickness: opts.strokeWidth ?? 3 } : {}),
      ...(opts.wrap ? { wordWrap: { width: opts.wrap } } : {}),
    });
    t.setOrigin(...(opts.origin ?? [0.5, 0.5]));
    t.setResolution(Math.min(2, window.devicePixelRatio || 1));
    this.items.push(t);
    return t;
  }

  clear(): void {
    for (const t of this.items) t.destroy();
    this.items = [];
  }
}
