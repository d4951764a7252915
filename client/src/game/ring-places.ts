// Where the ring's words go: each seat's name and this seat's trust numbers. Plain geometry (no
// Phaser), so that the places can be checked for collisions without a browser: on a phone's small
// ring a name pushed below a lower side seat lands exactly where the bottom seat's trust number sits.
import { PARTY_IDS } from "../../../shared/ids.ts";
import type { Layout } from "./table-layout.ts";

export interface Point {
  x: number;
  y: number;
}

/** A text's place: its anchor point and which part of the text sits on it (0.5, 0.5: its centre). */
export interface TextPlace extends Point {
  text: string;
  originX: number;
  originY: number;
}

/** The size a text takes on the canvas, its background included. */
export type Measure = (text: string) => { w: number; h: number };

/** A small ring names its side seats beside them rather than above or below. */
export const isCompact = (layout: Layout) => layout.ring.r < 120;

export function seatPoint(layout: Layout, i: number): Point {
  const r = layout.ring;
  const a = -Math.PI / 2 + (i * 2 * Math.PI) / PARTY_IDS.length;
  return { x: r.x + Math.cos(a) * r.r, y: r.y + Math.sin(a) * r.r };
}

/**
 * Where seat `i`'s name goes. Above the top seat, below the others; on a small ring, a side seat is
 * named beside it, outward, clear of the seats above and below — on one line when it fits there,
 * else with "(you)" on a second line (below the seat, a lower side seat's name would sit on the
 * bottom seat's trust number), else above or below it after all.
 */
export function seatNamePlace(layout: Layout, i: number, label: string, lines: number, measure: Measure): TextPlace {
  const pos = seatPoint(layout, i);
  const { ring, font } = layout;
  const gap = ring.seat * 1.32 + font * (lines === 2 ? 1.1 : 0.6);
  const y = i === 0 ? pos.y - gap : pos.y + (pos.y >= ring.y - 1 ? gap : -gap);
  const stacked: TextPlace = { text: label, x: pos.x, y, originX: 0.5, originY: 0.5 };
  if (!isCompact(layout) || Math.abs(pos.x - ring.x) <= 1) return stacked;
  const right = pos.x > ring.x;
  const x = pos.x + (right ? 1 : -1) * (ring.seat * 1.4 + 3);
  const box = layout.ringBox;
  const fits = (text: string) => (right ? x + measure(text).w <= box.x + box.w - 2 : x - measure(text).w >= box.x + 2);
  const beside = (text: string): TextPlace => ({ text, x, y: pos.y, originX: right ? 0 : 1, originY: 0.5 });
  if (fits(label)) return beside(label);
  const twoLines = label.replace(/ \(you\)$/, "\n(you)");
  if (twoLines !== label && fits(twoLines)) return beside(twoLines);
  return stacked;
}

/**
 * Where my trust in seat `other` is printed: on my chord to it, just in front of its seat, so that
 * the numbers never crowd around my own seat nor sit under the week's label.
 */
export function trustPlace(layout: Layout, me: number, other: number): Point {
  const from = seatPoint(layout, me);
  const q = seatPoint(layout, other);
  const back = layout.ring.seat * 1.5 + layout.font * 0.9;
  const len = Math.hypot(from.x - q.x, from.y - q.y) || 1;
  const at = Math.min(back, len * 0.45);
  return { x: q.x + ((from.x - q.x) / len) * at, y: q.y + ((from.y - q.y) / len) * at };
}
