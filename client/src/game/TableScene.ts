// The table as drawn by Phaser: the stylised map of the strip (withdrawal line and the share under
// control, ISF zones, aid sites and crossings) and the six seats around the table with the trust
// between them. It only draws the view it is given and animates changes; it decides nothing.
import * as Phaser from "phaser";
import { PARTY_IDS, ZONE_IDS, type PartyId } from "../../../shared/ids.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import type { TableView } from "../../../shared/views.ts";
import type { SeatInfo } from "../net/session.ts";
import { bandPolygon, coastAt, CROSSINGS, eastAt, LENGTH, lineFraction, outline, ZONES } from "./gaza-map.ts";
import { PARTY_SHAPE, PARTY_TAG, shapePoints } from "../ui/party-style.ts";

export interface SceneData {
  view: TableView;
  seats: Partial<Record<PartyId, SeatInfo>>;
  me: PartyId | null;
  scenario: Scenario;
}

const INK = 0x1b2230;
const SAND = 0xe8d9b5;
const SAND_DARK = 0xcdb98a;
const SEA = 0xbfd7e6;
const LINE_YELLOW = 0xf0e442;
const ISF_BLUE = 0x0072b2;
const FONT = '"Inter", "Segoe UI", system-ui, sans-serif';

const hex = (c: string) => Number.parseInt(c.replace("#", ""), 16);
function readableOn(colour: string): string {
  const n = hex(colour);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#1b2230" : "#ffffff";
}

interface Layout {
  map: { x: number; y: number; w: number; h: number };
  ring: { x: number; y: number; r: number; seat: number };
  font: number;
}

export class TableScene extends Phaser.Scene {
  private data_: SceneData | null = null;
  private shownControl = -1;
  private layout: Layout | null = null;
  private mapG!: Phaser.GameObjects.Graphics;
  private ringG!: Phaser.GameObjects.Graphics;
  private labels: Phaser.GameObjects.GameObject[] = [];
  private seenOffers = new Set<number>();
  private offerStatus = new Map<number, string>();
  private lastHistory = -1;
  private ready = false;

  constructor() {
    super("TableScene");
  }

  create(): void {
    this.mapG = this.add.graphics();
    this.ringG = this.add.graphics();
    this.ready = true;
    this.scale.on("resize", () => this.redraw());
    if (this.data_) this.apply(this.data_);
  }

  /** Called by the page with every new snapshot. */
  setData(data: SceneData): void {
    this.data_ = data;
    if (this.ready) this.apply(data);
  }

  private apply(data: SceneData): void {
    const target = data.view.tracks.israeliControl;
    const animateLine = this.shownControl >= 0 && this.shownControl !== target;
    if (this.shownControl < 0) this.shownControl = target;
    this.redraw();
    if (animateLine) {
      const from = this.shownControl;
      this.tweens.addCounter({
        from,
        to: target,
        duration: 1200,
        ease: "Sine.easeInOut",
        onUpdate: (tw) => {
          this.shownControl = tw.getValue() ?? target;
          this.drawMap();
        },
        onComplete: () => {
          this.shownControl = target;
          this.drawMap();
        },
      });
    }
    this.animateOffers(data);
    const h = data.view.history;
    if (this.lastHistory >= 0 && h.length > this.lastHistory && h[h.length - 1]?.flareUp) this.flare();
    this.lastHistory = h.length;
  }

  private computeLayout(): Layout {
    const W = this.scale.width;
    const H = this.scale.height;
    const pad = Math.max(8, Math.min(W, H) * 0.03);
    const font = Math.max(11, Math.min(18, Math.round(Math.min(W, H) / 32)));
    if (W >= H * 1.15) {
      const mw = Math.min(W * 0.42, H * 0.78);
      const map = { x: pad, y: pad, w: mw, h: H - 2 * pad };
      const rx = map.x + mw + (W - map.x - mw) / 2;
      const r = Math.min((W - mw - 3 * pad) / 2 - font * 3.2, H / 2 - pad - font * 3.6);
      return { map, ring: { x: rx, y: H / 2, r: Math.max(40, r), seat: Math.max(16, Math.min(34, r * 0.2)) }, font };
    }
    const mh = H * 0.46;
    const map = { x: pad, y: pad, w: W - 2 * pad, h: mh };
    const ringTop = pad + mh;
    const r = Math.min(W / 2 - pad - font * 3.4, (H - ringTop) / 2 - font * 3.2);
    return { map, ring: { x: W / 2, y: ringTop + (H - ringTop) / 2, r: Math.max(40, r), seat: Math.max(14, Math.min(28, r * 0.22)) }, font };
  }

  private redraw(): void {
    if (!this.data_ || !this.ready) return;
    this.layout = this.computeLayout();
    for (const l of this.labels) l.destroy();
    this.labels = [];
    this.drawMap();
    this.drawMapLabels();
    this.drawRing();
  }

  private text(x: number, y: number, s: string, size: number, opts: { colour?: string; bold?: boolean; origin?: [number, number]; bg?: string; stroke?: string } = {}): Phaser.GameObjects.Text {
    const t = this.add.text(x, y, s, {
      fontFamily: FONT,
      fontSize: `${size}px`,
      color: opts.colour ?? "#1b2230",
      fontStyle: opts.bold ? "bold" : "normal",
      align: "center",
      ...(opts.bg ? { backgroundColor: opts.bg, padding: { x: 4, y: 2 } } : {}),
      ...(opts.stroke ? { stroke: opts.stroke, strokeThickness: 3 } : {}),
    });
    t.setOrigin(...(opts.origin ?? [0.5, 0.5]));
    t.setResolution(Math.min(2, window.devicePixelRatio || 1));
    this.labels.push(t);
    return t;
  }

  /** Map from strip coordinates to the screen: rotated so the coast runs north-east to south-west. */
  private projector(): (p: [number, number]) => Phaser.Math.Vector2 {
    const m = this.layout!.map;
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
    const labelRoom = this.layout!.font * 2.2;
    const s = Math.min((m.w - labelRoom * 2) / (maxX - minX), (m.h - labelRoom * 1.6) / (maxY - minY));
    const ox = m.x + m.w / 2 - ((minX + maxX) / 2) * s;
    const oy = m.y + m.h / 2 - ((minY + maxY) / 2) * s + labelRoom * 0.2;
    return ([x, y]) => {
      const [rx, ry] = rot(x, y);
      return new Phaser.Math.Vector2(ox + rx * s, oy + ry * s);
    };
  }

  private drawMap(): void {
    if (!this.data_ || !this.layout) return;
    const g = this.mapG;
    g.clear();
    const v = this.data_.view;
    const m = this.layout.map;
    const P = this.projector();
    const poly = (pts: Array<[number, number]>) => pts.map(P);

    // Sea to the west, land to the east: two halves of the map box split along the coast.
    g.fillStyle(0xece5d6, 1);
    g.fillRoundedRect(m.x, m.y, m.w, m.h, 10);
    const far = 60;
    const sea: Array<[number, number]> = [[-far, -far], ...outline().filter((_, i) => i < 8), [-far, LENGTH + far]];
    g.fillStyle(SEA, 1);
    g.fillPoints(poly(sea.map(([x, y]) => [x, y])), true);
    g.fillStyle(0xece5d6, 1);
    // Re-fill outside the box edges so the sea stays inside the rounded box.
    g.fillRect(0, 0, m.x, this.scale.height);
    g.fillRect(0, 0, this.scale.width, m.y);
    g.fillRect(0, m.y + m.h, this.scale.width, this.scale.height);
    g.fillRect(m.x + m.w, 0, this.scale.width, this.scale.height);

    // The strip.
    g.fillStyle(SAND, 1);
    g.fillPoints(poly(outline()), true);

    // ISF zones deployed: a blue-outlined band with an "ISF" label (drawn in labels).
    for (const z of v.isfZones) {
      const band = ZONES[z];
      g.fillStyle(ISF_BLUE, 0.18);
      g.fillPoints(poly(bandPolygon(band.from, band.to, 0, lineFraction(this.shownControl))), true);
      g.lineStyle(2, ISF_BLUE, 0.9);
      g.strokePoints(poly(bandPolygon(band.from, band.to, 0.02, lineFraction(this.shownControl) - 0.02)), true, true);
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
    const f = lineFraction(this.shownControl);
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
    const scenario = this.data_.scenario;
    const sites = scenario.weights.aidSites[v.tracks.aidSystem] ?? 4;
    const shown = Math.min(sites, 48);
    g.fillStyle(0xffffff, 1);
    g.lineStyle(1.5, INK, 1);
    for (let i = 0; i < shown; i++) {
      const y = 1.5 + ((i * 7.3) % 38);
      const frac = 0.12 + (((i * 0.37) % 1) * Math.max(0.05, f - 0.2));
      const p = P([coastAt(y) + (eastAt(y) - coastAt(y)) * frac, y]);
      const s = Math.max(3, this.layout.font * 0.33);
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

  private drawMapLabels(): void {
    const v = this.data_!.view;
    const L = this.layout!;
    const P = this.projector();
    const fs = L.font;
    const m = L.map;
    this.text(m.x + 8, m.y + 6, "Gaza Strip (stylised)", fs * 0.85, { origin: [0, 0], bold: true, colour: "#1d3557" });
    const sea = P([-6, 16]);
    this.text(sea.x, sea.y, "Mediterranean", fs * 0.72, { colour: "#3d5a73" });
    const east = P([18, 12]);
    this.text(Math.min(east.x, m.x + m.w - fs * 2.5), east.y, "Israel", fs * 0.78, { colour: "#5b5240" });
    const south = P([-1.5, LENGTH + 2.2]);
    this.text(south.x, Math.min(south.y, m.y + m.h - fs), "Egypt", fs * 0.78, { colour: "#5b5240" });
    const f = lineFraction(v.tracks.israeliControl);
    for (const z of ZONE_IDS) {
      const band = ZONES[z];
      const y = (band.from + band.to) / 2;
      const p = P([coastAt(y) + (eastAt(y) - coastAt(y)) * Math.max(0.25, f * 0.45), y]);
      const isf = v.isfZones.includes(z);
      this.text(p.x, p.y, isf ? `${band.label}\n▣ ISF` : band.label, fs * 0.72, { bold: isf, colour: isf ? "#003a66" : "#1b2230", stroke: "#f4efe3" });
    }
    // Legend.
    const sites = this.data_!.scenario.weights.aidSites[v.tracks.aidSystem] ?? 4;
    const lines = [
      `▭ hatched: under Israeli control ${Math.round(v.tracks.israeliControl)}%`,
      `┅ yellow dashes: withdrawal line`,
      `□ aid sites: ${sites}   ▲ crossings: ${Math.round(v.tracks.aidTrucks)} trucks/day`,
    ];
    this.text(m.x + m.w - 6, m.y + m.h - 6, lines.join("\n"), fs * 0.66, { origin: [1, 1], colour: "#1b2230", bg: "rgba(255,253,248,0.88)" });
  }

  private seatPos(i: number): Phaser.Math.Vector2 {
    const r = this.layout!.ring;
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / PARTY_IDS.length;
    return new Phaser.Math.Vector2(r.x + Math.cos(a) * r.r, r.y + Math.sin(a) * r.r);
  }

  private drawRing(): void {
    const d = this.data_!;
    const v = d.view;
    const L = this.layout!;
    const g = this.ringG;
    g.clear();
    const fs = L.font;
    // The table itself.
    g.fillStyle(0xd8ccb0, 1);
    g.fillCircle(L.ring.x, L.ring.y, L.ring.r * 0.62);
    g.lineStyle(2, 0xa8987a, 1);
    g.strokeCircle(L.ring.x, L.ring.y, L.ring.r * 0.62);

    // Trust chords: thicker and solid when trust is high, thin and dashed when it is low.
    for (let i = 0; i < PARTY_IDS.length; i++)
      for (let j = i + 1; j < PARTY_IDS.length; j++) {
        const a = PARTY_IDS[i]!;
        const b = PARTY_IDS[j]!;
        const t = (v.trust[a][b] + v.trust[b][a]) / 2;
        const pa = this.seatPos(i);
        const pb = this.seatPos(j);
        const mine = d.me !== null && (a === d.me || b === d.me);
        const width = 1 + (t / 100) * 6;
        const alpha = mine ? 0.85 : 0.35;
        g.lineStyle(width, INK, alpha);
        if (t < 35) {
          const n = 14;
          for (let k = 0; k < n; k += 2) {
            const s0 = k / n;
            const s1 = (k + 1) / n;
            g.lineBetween(pa.x + (pb.x - pa.x) * s0, pa.y + (pb.y - pa.y) * s0, pa.x + (pb.x - pa.x) * s1, pa.y + (pb.y - pa.y) * s1);
          }
        } else g.lineBetween(pa.x, pa.y, pb.x, pb.y);
        if (mine) {
          const other = a === d.me ? b : a;
          const q = a === d.me ? this.seatPos(j) : this.seatPos(i);
          const me = a === d.me ? this.seatPos(i) : this.seatPos(j);
          const lx = me.x + (q.x - me.x) * 0.42;
          const ly = me.y + (q.y - me.y) * 0.42;
          this.text(lx, ly, String(Math.round(v.trust[d.me!][other])), fs * 0.72, { bold: true, bg: "#fffdf8" });
        }
      }

    // Centre: week and stage.
    const stage = { briefing: "Briefing", negotiation: "Negotiation", decisions: "Secret decisions", ended: "Debrief" }[v.stage];
    this.text(L.ring.x, L.ring.y, `${v.round > 0 ? `Week ${v.round} of ${v.rounds}` : "Before week 1"}\n${stage} · phase ${v.phase}`, fs * 0.8, { bold: true, bg: "rgba(216,204,176,0.95)" });

    // Seats.
    PARTY_IDS.forEach((p, i) => {
      const pos = this.seatPos(i);
      const colour = d.scenario.parties[p].colour;
      const r = L.ring.seat;
      const pts = shapePoints(PARTY_SHAPE[p], r).map(([x, y]) => new Phaser.Math.Vector2(pos.x + x, pos.y + y));
      if (p === d.me) {
        g.lineStyle(4, 0x1d3557, 1);
        g.strokeCircle(pos.x, pos.y, r * 1.32);
      }
      g.fillStyle(hex(colour), 1);
      g.fillPoints(pts, true);
      g.lineStyle(2, INK, 1);
      g.strokePoints(pts, true, true);
      this.text(pos.x, pos.y + (PARTY_SHAPE[p] === "triangle" ? r * 0.2 : 0), PARTY_TAG[p], Math.max(10, r * 0.52), { bold: true, colour: readableOn(colour) });
      const seat = d.seats[p];
      const done = v.stage === "negotiation" ? v.ready.includes(p) : v.stage === "decisions" ? v.decided.includes(p) : false;
      const who = p === d.me ? "you" : seat?.bot ? "bot" : seat && seat.names.length ? seat.names.slice(0, 2).join(", ") : "open seat";
      const status = done ? (v.stage === "negotiation" ? "✓ done talking" : "✓ decided") : v.stage === "negotiation" ? "negotiating…" : v.stage === "decisions" ? "deciding…" : "";
      const compact = L.ring.r < 120;
      const label = compact ? (p === d.me ? `${d.scenario.parties[p].shortName} (you)` : d.scenario.parties[p].shortName) : `${d.scenario.parties[p].shortName} (${who})${status ? `\n${status}` : ""}`;
      const lines = compact ? 1 : status ? 2 : 1;
      const gap = r + fs * (lines === 2 ? 1.5 : 0.9);
      const ty = i === 0 ? pos.y - gap : pos.y + (pos.y >= L.ring.y - 1 ? gap : -gap);
      this.text(pos.x, ty, label, fs * 0.74, { bold: p === d.me, bg: "rgba(255,253,248,0.9)" });
    });
  }

  /** New offers fly from the proposer to each recipient; accepted ones flash their chord. */
  private animateOffers(d: SceneData): void {
    const idx = (p: PartyId) => PARTY_IDS.indexOf(p);
    const firstTime = this.seenOffers.size === 0 && this.offerStatus.size === 0;
    for (const o of d.view.offers) {
      const before = this.offerStatus.get(o.id);
      this.offerStatus.set(o.id, o.status);
      if (!this.seenOffers.has(o.id)) {
        this.seenOffers.add(o.id);
        if (!firstTime && o.status === "open")
          for (const r of o.recipients) this.fly(this.seatPos(idx(o.proposer)), this.seatPos(idx(r)), d.scenario.parties[o.proposer].colour);
      }
      if (!firstTime && before && before !== "accepted" && o.status === "accepted") {
        const parties = [o.proposer, ...o.recipients];
        for (let i = 0; i < parties.length; i++) for (let j = i + 1; j < parties.length; j++) this.flash(this.seatPos(idx(parties[i]!)), this.seatPos(idx(parties[j]!)));
      }
    }
  }

  private fly(from: Phaser.Math.Vector2, to: Phaser.Math.Vector2, colour: string): void {
    const s = this.layout!.font * 0.7;
    const env = this.add.rectangle(from.x, from.y, s * 1.6, s * 1.1, hex(colour)).setStrokeStyle(2, INK);
    this.tweens.add({ targets: env, x: to.x, y: to.y, duration: 850, ease: "Cubic.easeInOut", onComplete: () => env.destroy() });
  }

  private flash(a: Phaser.Math.Vector2, b: Phaser.Math.Vector2): void {
    const g = this.add.graphics();
    g.lineStyle(8, 0x009e73, 1);
    g.lineBetween(a.x, a.y, b.x, b.y);
    this.tweens.add({ targets: g, alpha: 0, duration: 1400, ease: "Quad.easeOut", onComplete: () => g.destroy() });
  }

  private flare(): void {
    if (!this.layout) return;
    const P = this.projector();
    const y = 18;
    const p = P([coastAt(y) + (eastAt(y) - coastAt(y)) * lineFraction(this.shownControl), y]);
    const ring = this.add.circle(p.x, p.y, 6).setStrokeStyle(4, 0xd55e00);
    this.tweens.add({ targets: ring, scale: 6, alpha: 0, duration: 1300, repeat: 1, onComplete: () => ring.destroy() });
  }
}
