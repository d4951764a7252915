// The project's own stylised outline of the Gaza Strip, in kilometre-like coordinates: y runs
// along the coast from the northern border (0) to the Egyptian border (41); x runs inland from
// the coast (0) to the eastern border. Simplified by hand; not traced from any map image.
import type { ZoneId } from "../../../shared/ids.ts";

export const LENGTH = 41;

/** Eastern border: [y, x] pairs from north to south. */
const EAST: Array<[number, number]> = [
  [0, 5.6], [3, 6.3], [6, 6.6], [9, 6.9], [12, 7.6], [15, 8.3], [18, 8.9], [21, 9.5], [24, 10.2],
  [27, 10.9], [30, 11.6], [33, 12.2], [36, 12.6], [38.5, 12.4], [41, 11.8],
];
/** Coastline: [y, x] pairs; the coast bows slightly out to sea in the middle. */
const COAST: Array<[number, number]> = [
  [0, 0.4], [6, 0], [12, -0.3], [18, -0.45], [24, -0.35], [30, -0.1], [36, 0.3], [41, 0.8],
];

function interpolate(points: Array<[number, number]>, y: number): number {
  const clamped = Math.max(0, Math.min(LENGTH, y));
  for (let i = 1; i < points.length; i++) {
    const [y0, x0] = points[i - 1]!;
    const [y1, x1] = points[i]!;
    if (clamped <= y1) return x0 + ((x1 - x0) * (clamped - y0)) / (y1 - y0 || 1);
  }
  return points[points.length - 1]![1];
}

export const eastAt = (y: number) => interpolate(EAST, y);
export const coastAt = (y: number) => interpolate(COAST, y);

/** The whole strip as a closed outline of [x, y] points. */
export function outline(): Array<[number, number]> {
  const pts: Array<[number, number]> = [];
  for (const [y, x] of COAST) pts.push([x, y]);
  for (const [y, x] of [...EAST].reverse()) pts.push([x, y]);
  return pts;
}

/** Zone bands along the strip, north to south. */
export const ZONES: Record<ZoneId, { from: number; to: number; label: string }> = {
  north: { from: 0, to: 7, label: "North" },
  gaza_city: { from: 7, to: 15, label: "Gaza City" },
  central: { from: 15, to: 24, label: "Central" },
  khan_younis: { from: 24, to: 33, label: "Khan Younis" },
  rafah: { from: 33, to: 41, label: "Rafah" },
};

/** The part of a band between the coast-side fraction a and b of the width (0 = coast, 1 = border). */
export function bandPolygon(from: number, to: number, a = 0, b = 1, step = 1): Array<[number, number]> {
  const across = (y: number, f: number) => coastAt(y) + (eastAt(y) - coastAt(y)) * f;
  const left: Array<[number, number]> = [];
  const right: Array<[number, number]> = [];
  for (let y = from; y <= to + 1e-9; y += step) {
    left.push([across(y, a), y]);
    right.push([across(y, b), y]);
  }
  if (left[left.length - 1]![1] < to) {
    left.push([across(to, a), to]);
    right.push([across(to, b), to]);
  }
  return [...left, ...right.reverse()];
}

/** Where the withdrawal line runs when Israel holds `control` percent (the eastern share). */
export const lineFraction = (control: number) => 1 - Math.max(0, Math.min(100, control)) / 100;

/** Crossing points for aid, as [x, y]. */
export const CROSSINGS = [
  { name: "Kerem Shalom", at: [12.3, 38.6] as [number, number] },
  { name: "Zikim", at: [1.6, 0.6] as [number, number] },
];
