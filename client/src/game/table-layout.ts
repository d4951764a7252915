// Where the map and the ring of seats go on the canvas. Sizes leave room for everything drawn
// around them — the seats' names below the bottom seat, the map's legend — so nothing is cut at
// the canvas's edge on a phone.
/** The smallest type drawn on the canvas: below this a phone's screen makes it unreadable. */
export const MIN_TEXT_PX = 11;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  /** The map's box (its legend sits along the box's bottom edge). */
  map: Box;
  ring: { x: number; y: number; r: number; seat: number };
  /** The part of the canvas the ring and its names may use. */
  ringBox: Box;
  /** Base type size for the canvas (labels use fractions of it, never below MIN_TEXT_PX). */
  font: number;
}

/** The seat shapes' radius for a ring of radius r. */
const seatFor = (r: number, portrait: boolean) => Math.max(14, Math.min(portrait ? 28 : 34, r * 0.2));

/**
 * The ring's radius that keeps the outermost seat's ring (1.32 × the seat) and its name (up to two
 * lines under the bottom seat) inside `room` from the centre.
 */
function ringRadius(room: number, font: number): number {
  // r + 1.32 · 0.2 r + two lines of names ≈ 1.27 r + 2.8 font.
  return (room - font * 2.8) / 1.27;
}

export function computeLayout(W: number, H: number): Layout {
  const pad = Math.max(8, Math.min(W, H) * 0.03);
  const font = Math.max(MIN_TEXT_PX + 1, Math.min(18, Math.round(Math.min(W, H) / 30)));
  if (W >= H * 1.15) {
    const mw = Math.min(W * 0.44, H * 0.8);
    const map = { x: pad, y: pad, w: mw, h: H - 2 * pad };
    const rest = W - mw - pad;
    const rx = map.x + mw + rest / 2;
    // Across: the side seats' names (about 8 characters either side of a seat) must fit.
    const r = Math.min(ringRadius(H / 2 - pad, font), (rest / 2 - pad - font * 4) / 0.87);
    return { map, ring: { x: rx, y: H / 2, r: Math.max(40, r), seat: seatFor(r, false) }, ringBox: { x: map.x + mw, y: 0, w: rest, h: H }, font };
  }
  const mh = H * 0.44;
  const map = { x: pad, y: pad, w: W - 2 * pad, h: mh };
  const ringTop = pad + mh;
  // A small ring names its side seats beside them: about seven characters of room either side.
  const r = Math.min((W / 2 - pad - font * 5.5) / 1.15, ringRadius((H - ringTop) / 2 - pad / 2, font));
  return { map, ring: { x: W / 2, y: ringTop + (H - ringTop) / 2, r: Math.max(40, r), seat: seatFor(r, true) }, ringBox: { x: 0, y: ringTop, w: W, h: H - ringTop }, font };
}
