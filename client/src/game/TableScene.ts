// The table as drawn by Phaser: the map (map-view.ts) beside or above the ring of seats
// (ring-view.ts), laid out by table-layout.ts. It only draws the view it is given and animates
// changes — the line moving, offers flying, flare-ups — and decides nothing.
import * as Phaser from "phaser";
import type { PartyId } from "../../../shared/ids.ts";
import type { Scenario } from "../../../shared/scenario-schema.ts";
import type { TableView } from "../../../shared/views.ts";
import type { SeatInfo } from "../net/session.ts";
import { MapView } from "./map-view.ts";
import { RingView } from "./ring-view.ts";
import { LabelLayer } from "./scene-labels.ts";
import { computeLayout } from "./table-layout.ts";

export interface SceneData {
  view: TableView;
  seats: Partial<Record<PartyId, SeatInfo>>;
  me: PartyId | null;
  scenario: Scenario;
}

export class TableScene extends Phaser.Scene {
  private data_: SceneData | null = null;
  /** The share under control as drawn now (it tweens toward the view's value). */
  private shownControl = -1;
  private map!: MapView;
  private ring!: RingView;
  private labels!: LabelLayer;
  private lastHistory = -1;
  private ready = false;
  private sizeChanged = false;

  constructor() {
    super("TableScene");
  }

  create(): void {
    this.map = new MapView(this);
    this.ring = new RingView(this);
    this.labels = new LabelLayer(this);
    this.ready = true;
    // A new size is drawn in the next step, before its render: when the canvas is sized and given a
    // new snapshot in the same task (the table opening), the scene is redrawn once, not twice.
    this.scale.on("resize", () => (this.sizeChanged = true));
    if (this.data_) this.apply(this.data_);
  }

  override update(): void {
    if (this.sizeChanged) this.redraw();
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
      this.tweens.addCounter({
        from: this.shownControl,
        to: target,
        duration: 1200,
        ease: "Sine.easeInOut",
        onUpdate: (tw) => {
          this.shownControl = tw.getValue() ?? target;
          this.map.draw(data.view, data.scenario, this.shownControl);
        },
        onComplete: () => {
          this.shownControl = target;
          this.map.draw(data.view, data.scenario, target);
        },
      });
    }
    this.ring.animateOffers(data);
    const h = data.view.history;
    if (this.lastHistory >= 0 && h.length > this.lastHistory && h[h.length - 1]?.flareUp) this.flare();
    this.lastHistory = h.length;
  }

  private redraw(): void {
    const d = this.data_;
    if (!d || !this.ready) return;
    this.sizeChanged = false;
    const layout = computeLayout(this.scale.width, this.scale.height);
    this.labels.clear();
    this.map.redraw(layout, this.labels, d.view, d.scenario, this.shownControl);
    this.ring.redraw(layout, this.labels, d);
  }

  private flare(): void {
    const p = this.map.flarePoint(this.shownControl);
    const ring = this.add.circle(p.x, p.y, 6).setStrokeStyle(4, 0xd55e00);
    this.tweens.add({ targets: ring, scale: 6, alpha: 0, duration: 1300, repeat: 1, onComplete: () => ring.destroy() });
  }
}
