// The ring half of the canvas: the six seats as shapes in their party's colour with a printed tag,
// trust between them as chords (thick and solid when high, thin and dashed when low), this seat's
// trust in each other party as a number along its chords, and the week in the middle. Offers fly
// between seats, accepted packages flash.
import * as Phaser from "phaser";
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import { PARTY_SHAPE, PARTY_TAG, shapePoints } from "../ui/party-style.ts";
import { isCompact, seatNamePlace, seatPoint, trustPlace } from "./ring-places.ts";
import type { LabelLayer } from "./scene-labels.ts";
import type { Layout } from "./table-layout.ts";
import type { SceneData } from "./TableScene.ts";

const INK = 0x1b2230;
const hex = (c: string) => Number.parseInt(c.replace("#", ""), 16);

/** Ink or white, whichever reads better on `colour`. */
function readableOn(colour: string): string {
  const n = hex(colour);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#1b2230" : "#ffffff";
}


export class RingView {
  private readonly scene: Phaser.Scene;
  private readonly g: Phaser.GameObjects.Graphics;
  private layout: Layout | null = null;
  private readonly seenOffers = new Set<number>();
  private readonly offerStatus = new Map<number, string>();

  constructor(scene: Phaser.Scene) {
    this.scene = scene;
    this.g = scene.add.graphics();
  }

  seatPos(i: number): Phaser.Math.Vector2 {
    const p = seatPoint(this.layout!, i);
    return new Phaser.Math.Vector2(p.x, p.y);
  }

  redraw(layout: Layout, labels: LabelLayer, d: SceneData): void {
    this.layout = layout;
    const v = d.view;
    const L = layout;
    const g = this.g;
    g.clear();
    const fs = L.font;
    // The table itself.
    g.fillStyle(0xd8ccb0, 1);
    g.fillCircle(L.ring.x, L.ring.y, L.ring.r * 0.62);
    g.lineStyle(2, 0xa8987a, 1);
    g.strokeCircle(L.ring.x, L.ring.y, L.ring.r * 0.62);

    for (let i = 0; i < PARTY_IDS.length; i++)
      for (let j = i + 1; j < PARTY_IDS.length; j++) {
        const a = PARTY_IDS[i]!;
        const b = PARTY_IDS[j]!;
        const t = (v.trust[a][b] + v.trust[b][a]) / 2;
        const pa = this.seatPos(i);
        const pb = this.seatPos(j);
        const mine = d.me !== null && (a === d.me || b === d.me);
        g.lineStyle(1 + (t / 100) * 6, INK, mine ? 0.85 : 0.35);
        if (t < 35) {
          const n = 14;
          for (let k = 0; k < n; k += 2) {
            const s0 = k / n;
            const s1 = (k + 1) / n;
            g.lineBetween(pa.x + (pb.x - pa.x) * s0, pa.y + (pb.y - pa.y) * s0, pa.x + (pb.x - pa.x) * s1, pa.y + (pb.y - pa.y) * s1);
          }
        } else g.lineBetween(pa.x, pa.y, pb.x, pb.y);
      }

    // The week in the middle, kept short so it covers no chord's number.
    const stage = { briefing: "Briefing", negotiation: "Negotiation", decisions: "Deciding", ended: "Debrief" }[v.stage];
    labels.text(L.ring.x, L.ring.y, `${v.round > 0 ? `Week ${v.round}/${v.rounds}` : "Before week 1"}\n${stage}`, fs * 0.8, { bold: true });

    // Seats.
    PARTY_IDS.forEach((p, i) => {
      const pos = this.seatPos(i);
      const colour = d.scenario.parties[p].colour;
      const r = L.ring.seat;
      const triangle = PARTY_SHAPE[p] === "triangle";
      const pts = shapePoints(PARTY_SHAPE[p], r).map(([x, y]) => new Phaser.Math.Vector2(pos.x + x, pos.y + y));
      if (p === d.me) {
        g.lineStyle(4, 0x1d3557, 1);
        g.strokeCircle(pos.x, pos.y, r * 1.32);
      }
      g.fillStyle(hex(colour), 1);
      g.fillPoints(pts, true);
      g.lineStyle(2, INK, 1);
      g.strokePoints(pts, true, true);
      // The tag in the shape's widest part, outlined in the seat's own colour so chords behind it
      // never cut through the letters (a triangle's tag sits low, where the triangle is wide).
      const ink = readableOn(colour);
      labels.text(pos.x, pos.y + (triangle ? r * 0.32 : 0), PARTY_TAG[p], Math.max(11, r * (triangle ? 0.46 : 0.52)), { bold: true, colour: ink, stroke: colour, strokeWidth: 4 });
      const seat = d.seats[p];
      const done = v.stage === "negotiation" ? v.ready.includes(p) : v.stage === "decisions" ? v.decided.includes(p) : false;
      const who = p === d.me ? "you" : seat?.bot ? "bot" : seat && seat.names.length ? seat.names.slice(0, 2).join(", ") : "open seat";
      const status = done ? (v.stage === "negotiation" ? "✓ done talking" : "✓ decided") : v.stage === "negotiation" ? "negotiating…" : v.stage === "decisions" ? "deciding…" : "";
      const compact = isCompact(L);
      const label = compact ? (p === d.me ? `${d.scenario.parties[p].shortName} (you)` : d.scenario.parties[p].shortName) : `${d.scenario.parties[p].shortName} (${who})${status ? `\n${status}` : ""}`;
      const lines = compact ? 1 : status ? 2 : 1;
      const t = labels.text(pos.x, pos.y, label, fs * 0.8, { bold: p === d.me, bg: "rgba(255,253,248,0.9)" });
      const place = seatNamePlace(L, i, label, lines, (text) => {
        t.setText(text);
        return { w: t.width, h: t.height };
      });
      t.setText(place.text).setOrigin(place.originX, place.originY).setPosition(place.x, place.y);
    });

    // This seat's trust in each other party, on our chord just in front of that party's seat: one
    // number beside each seat, so they never crowd around ours nor sit under the week's label.
    // Drawn after the seats' names, so a name never covers a number on a small ring.
    if (d.me) {
      const me = PARTY_IDS.indexOf(d.me);
      PARTY_IDS.forEach((other, oi) => {
        if (other === d.me) return;
        const at = trustPlace(L, me, oi);
        labels.text(at.x, at.y, String(Math.round(v.trust[d.me!][other])), fs * 0.8, { bold: true, bg: "#fffdf8" });
      });
    }
  }

  /** New offers fly from the proposer to each recipient; accepted ones flash their chord. */
  animateOffers(d: SceneData): void {
    if (!this.layout) return;
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
    const env = this.scene.add.rectangle(from.x, from.y, s * 1.6, s * 1.1, hex(colour)).setStrokeStyle(2, INK);
    this.scene.tweens.add({ targets: env, x: to.x, y: to.y, duration: 850, ease: "Cubic.easeInOut", onComplete: () => env.destroy() });
  }

  private flash(a: Phaser.Math.Vector2, b: Phaser.Math.Vector2): void {
    const g = this.scene.add.graphics();
    g.lineStyle(8, 0x009e73, 1);
    g.lineBetween(a.x, a.y, b.x, b.y);
    this.scene.tweens.add({ targets: g, alpha: 0, duration: 1400, ease: "Quad.easeOut", onComplete: () => g.destroy() });
  }
}
