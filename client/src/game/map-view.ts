// The map half of the canvas: the project's stylised strip with the share under Israeli control
// (hatched), the withdrawal line (dark-edged yellow dashes), ISF zones, aid sites and crossings,
// and a legend in its own band under the map so it never covers the strip and is never tiny.
import * as Phaser from "phaser";
import { ZONE_IDS } from "../../../shared/ids.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import type { TableView } from "../../../shared/views.ts";
import { bandPolygon, coastAt, CROSSINGS, eastAt, LENGTH, lineFraction, outline, ZONES } from "./gaza-map.ts";
import { MIN_TEXT_PX, type LabelLayer } from "./scene-labels.ts";
import type { Box, Layout } from "./table-layout.ts";

const INK = 0x1b2230;
const SAND = 0xe8d9b5;
const SAND_DARK = 0xcdb98a;
const SEA = 0xbfd7e6;
const LINE_YELLOW = 0xf0e442;
const ISF_BLUE = 0x0072b2;
const PAPER = 0xece5d6;

export class MapView {
  private readonly scene: Phaser.Scene;
  private readonly g: Phaser.GameObjects.Graphics;
  /** The part of the map box left for the strip once the legend has its band. */
  private area: Box = { x: 0, y: 0, w: 1, h: 1 };
  private layout: Layout | null = null;

  constructor(scene: Phaser.Scene) {
    this.scene = scene;
    this.g = scene.add.graphics();
  }

  /** Lays out and draws everything, labels included (after a change of view or size). */
  redraw(layout: Layout, labels: LabelLayer, view: TableView, scenario: Scenario, control: number): void {
    this.layout = layout;
    const m = layout.map;
    const legendSize = Math.max(MIN_TEXT_PX, layout.font * 0.8);
    const sites = scenario.weights.aidSites[view.tracks.aidSystem] ?? 4;
    const legend = labels.text(
      m.x + 8,
      m.y + m.h - 6,
      [`▭ hatched: under Israeli control (${Math.round(view.tracks.israeliControl)}%)`, "┅ yellow dashes: the withdrawal line", `□ aid sites: ${sites}   ▲ crossings: ${Math.round(view.tracks.aidTrucks)} trucks/day`].join("\n"),
      legendSize,
      { origin: [0, 1], align: "left", wrap: m.w - 16, bg: "rgba(255,253,248,0.92)" },
    );
    this.area = { x: m.x, y: m.y, w: m.w, h: Math.max(40, m.h - legend.height - 10) };
    this.draw(view, scenario, control);
    this.drawLabels(labels, view, layout.font);
  }

  /** Projects strip coordinates to the screen: rotated so the coast runs north-east to south-west. */
  project(): (p: [number, number]) => Phaser.Math.Vector2 {
    const m = this.area;
    const font = this.layout?.font ?? 12;
    const angle = (24 * Math.PI) / 180;
    const cx = 6;
    const cy = LENGTH / 2;
    const rot = (x: number, y: number) => [(x - cx) * Math.cos(angle) - (y - cy) * Math.sin(angle), (x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle)] as const;
    // Bounding box of the rotated strip, for a uniform fit.
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const [x, y] of outline()) {
      const [rx, ry] = rot(x, y);
      minX = Math.min(minX, rx); maxX = Math.max(maxX, rx); minY = Math.min(minY, ry); maxY = Math.max(maxY, ry);
    }
    const labelRoom = font * 2.2;
    const s = Math.min((m.w - labelRoom * 2) / (maxX - minX), (m.h - labelRoom * 1.6) / (maxY - minY));
    const ox = m.x + m.w / 2 - ((minX + maxX) / 2) * s;
    const oy = m.y + m.h / 2 - ((minY + maxY) / 2) * s + labelRoom * 0.2;
    return ([x, y]) => {
      const [rx, ry] = rot(x, y);
      return new Phaser.Math.Vector2(ox + rx * s, oy + ry * s);
    };
  }

  /** Where a flare-up at the line is shown. */
  flarePoint(control: number): Phaser.Math.Vector2 {
    const y = 18;
    return this.project()([coastAt(y) + (eastAt(y) - coastAt(y)) * lineFraction(control), y]);
  }

  /** The shapes only (called on every frame of the line's tween). */
  draw(view: TableView, scenario: Scenario, control: number): void {
    if (!this.layout) return;
    const g = this.g;
    g.clear();
    const v = view;
    const box = this.layout.map;
    const W = this.scene.scale.width;
    const H = this.scene.scale.height;
    const P = this.project();
    const poly = (pts: Array<[number, number]>) => pts.map(P);

    // Sea to the west, land to the east: two halves of the map box split along the coast.
    g.fillStyle(PAPER, 1);
    g.fillRoundedRect(box.x, box.y, box.w, box.h, 10);
    const far = 60;
    const sea: Array<[number, number]> = [[-far, -far], ...outline().filter((_, i) => i < 8), [-far, LENGTH + far]];
    g.fillStyle(SEA, 1);
    g.fillPoints(poly(sea), true);
    // Re-fill outside the strip's area so the sea stays inside it (the legend's band stays paper).
    const m = this.area;
    g.fillStyle(PAPER, 1);
    g.fillRect(0, 0, m.x, H);
    g.fillRect(0, 0, W, m.y);
    g.fillRect(box.x, m.y + m.h, box.w, box.y + box.h - m.y - m.h);
    g.fillRect(m.x + m.w, 0, W - m.x - m.w, H);
    g.fillStyle(0xe9e3d6, 1);
    g.fillRect(0, box.y + box.h, box.x + box.w + 1, H - box.y - box.h);

    // The strip.
    g.fillStyle(SAND, 1);
    g.fillPoints(poly(outline()), true);

    // ISF zones deployed: a blue-outlined band with an "ISF" label (drawn with the labels).
    for (const z of v.isfZones) {
      const band = ZONES[z];
      g.fillStyle(ISF_BLUE, 0.18);
      g.fillPoints(poly(bandPolygon(band.from, band.to, 0, lineFraction(control))), true);
      g.lineStyle(2, ISF_BLUE, 0.9);
      g.strokePoints(poly(bandPolygon(band.from, band.to, 0.02, lineFraction(control) - 0.02)), true, true);
    }

    // Zone borders.
    g.lineStyle(1, SAND_DARK, 1);
    for (const z of ZONE_IDS) {
      const y = ZONES[z].to;
      if (y >= LENGTH) continue;
      const a = P([coastAt(y), y]);
      const b = P([eastAt(y), y]);
      g.lineBetween(a.x, a.y, b.x, b.y);
    }

    // Area under Israeli control: hatched, so it reads without colour.
    const f = lineFraction(control);
    if (f < 1) {
      g.fillStyle(0x9a8f7a, 0.35);
      g.fillPoints(poly(bandPolygon(0, LENGTH, f, 1, 0.5)), true);
      g.lineStyle(1.2, 0x5b5240, 0.55);
      for (let y = 0.6; y < LENGTH; y += 1.1) {
        const x0 = coastAt(y) + (eastAt(y) - coastAt(y)) * f;
        const x1 = eastAt(y);
        const y1 = Math.max(0, y - (x1 - x0) * 0.55);
        const xe = coastAt(y1) + (eastAt(y1) - coastAt(y1)) * 1;
        const a = P([x0, y]);
        const b = P([Math.min(x1, xe), y1]);
        g.lineBetween(a.x, a.y, b.x, b.y);
      }
      // The withdrawal line, dark-edged yellow, dashed.
      const pts: Phaser.Math.Vector2[] = [];
      for (let y = 0; y <= LENGTH; y += 0.5) pts.push(P([coastAt(y) + (eastAt(y) - coastAt(y)) * f, y]));
      g.lineStyle(6, INK, 0.85);
      g.strokePoints(pts, false, false);
      g.lineStyle(3.5, LINE_YELLOW, 1);
      for (let i = 0; i + 1 < pts.length; i += 2) g.lineBetween(pts[i]!.x, pts[i]!.y, pts[i + 1]!.x, pts[i + 1]!.y);
    }

    // Aid sites: small squares spread over the area outside control.
    const sites = scenario.weights.aidSites[v.tracks.aidSystem] ?? 4;
    const shown = Math.min(sites, 48);
    g.fillStyle(0xffffff, 1);
    g.lineStyle(1.5, INK, 1);
    for (let i = 0; i < shown; i++) {
      const y = 1.5 + ((i * 7.3) % 38);
      const frac = 0.12 + (((i * 0.37) % 1) * Math.max(0.05, f - 0.2));
      const p = P([coastAt(y) + (eastAt(y) - coastAt(y)) * frac, y]);
      const s = Math.max(3, this.layout.font * 0.3);
      g.fillRect(p.x - s, p.y - s, s * 2, s * 2);
      g.strokeRect(p.x - s, p.y - s, s * 2, s * 2);
    }

    // Outline last, crisp.
    g.lineStyle(2, INK, 0.9);
    g.strokePoints(poly(outline()), true, true);

    // Crossings: triangles on the border.
    for (const c of CROSSINGS) {
      const p = P(c.at);
      const s = this.layout.font * 0.55;
      g.fillStyle(INK, 1);
      g.fillTriangle(p.x, p.y - s, p.x - s, p.y + s * 0.8, p.x + s, p.y + s * 0.8);
    }
  }

  private drawLabels(labels: LabelLayer, v: TableView, fs: number): void {
    const P = this.project();
    const m = this.area;
    labels.text(m.x + 8, m.y + 6, "Gaza Strip (stylised)", fs * 0.9, { origin: [0, 0], bold: true, colour: "#1d3557" });
    // In the open sea at the box's left edge, clear of the coast.
    labels.text(m.x + 8, m.y + m.h * 0.32, "Mediterranean", fs * 0.8, { colour: "#3d5a73", origin: [0, 0.5] });
    const east = P([18, 12]);
    labels.text(Math.min(east.x, m.x + m.w - fs * 2.5), east.y, "Israel", fs * 0.85, { colour: "#5b5240" });
    const south = P([-1.5, LENGTH + 2.2]);
    labels.text(Math.max(south.x, m.x + fs * 2), Math.min(south.y, m.y + m.h - fs * 0.7), "Egypt", fs * 0.85, { colour: "#5b5240" });
    const f = lineFraction(v.tracks.israeliControl);
    for (const z of ZONE_IDS) {
      const band = ZONES[z];
      const y = (band.from + band.to) / 2;
      const p = P([coastAt(y) + (eastAt(y) - coastAt(y)) * Math.max(0.25, f * 0.45), y]);
      const isf = v.isfZones.includes(z);
      labels.text(p.x, p.y, isf ? `${band.label}\n▣ ISF` : band.label, fs * 0.8, { bold: isf, colour: isf ? "#003a66" : "#1b2230", stroke: "#f4efe3" });
    }
  }
}
