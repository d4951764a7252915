// How parties look: the scenario's Okabe–Ito colour, plus a short tag and a shape, so that no
// party is ever told apart by colour alone (tags are printed, shapes drawn on map and table).
import type { PartyId } from "../../../shared/ids.ts";

export type Shape = "circle" | "square" | "diamond" | "triangle" | "hexagon" | "pentagon";

export const PARTY_TAG: Record<PartyId, string> = {
  mediators: "MED",
  israel: "ISR",
  hamas: "HAM",
  qatar: "QAT",
  turkiye: "TÜR",
  board_of_peace: "BoP",
};

export const PARTY_SHAPE: Record<PartyId, Shape> = {
  mediators: "diamond",
  israel: "square",
  hamas: "triangle",
  qatar: "circle",
  turkiye: "pentagon",
  board_of_peace: "hexagon",
};

/** Points of a regular shape of radius r centred on (0,0), for SVG and Phaser alike. */
export function shapePoints(shape: Shape, r: number): Array<[number, number]> {
  const poly = (n: number, rot: number) =>
    Array.from({ length: n }, (_, i) => {
      const a = rot + (i * 2 * Math.PI) / n;
      return [Math.round(Math.cos(a) * r * 100) / 100, Math.round(Math.sin(a) * r * 100) / 100] as [number, number];
    });
  switch (shape) {
    case "square":
      return poly(4, Math.PI / 4);
    case "diamond":
      return poly(4, 0);
    case "triangle":
      return poly(3, -Math.PI / 2).map(([x, y]) => [x, y + r * 0.15] as [number, number]);
    case "pentagon":
      return poly(5, -Math.PI / 2);
    case "hexagon":
      return poly(6, 0);
    case "circle":
      return poly(24, 0);
  }
}

/** A small SVG badge: the party's shape in its colour with a dark outline. */
export function partyBadge(party: PartyId, colour: string, size = 14): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("viewBox", "-10 -10 20 20");
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("badge-shape");
  const p = document.createElementNS(ns, "polygon");
  p.setAttribute("points", shapePoints(PARTY_SHAPE[party], 8.5).map(([x, y]) => `${x},${y}`).join(" "));
  p.setAttribute("fill", colour);
  p.setAttribute("stroke", "#1d2430");
  p.setAttribute("stroke-width", "1.5");
  svg.append(p);
  return svg;
}
