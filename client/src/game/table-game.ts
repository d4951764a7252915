// Boots Phaser (loaded on demand: Phaser is its own chunk) and forwards snapshots to the TableScene.
//
// The game is built before it is shown: while the player reads the briefing it boots in a holder
// off screen (WebGL context, textures, the scene created and drawn once with the table's data, so
// its shaders are compiled), then sleeps. "To the table" moves that same canvas into the table
// screen, sizes it to its place and draws at once — in the frame of the click, with no download,
// parse or boot in between. A table opened straight onto the play screen attaches at once instead.
import * as Phaser from "phaser";
import { TableScene, type SceneData } from "./TableScene.ts";

/**
 * Where the game waits, unseen, until the table screen takes it: a bare copy of the table screen's
 * grid (ui/table-screen.ts, styles.css) as wide as the page's content, so the canvas area has the
 * very size it will have there and opening the table needs no resize and no redraw. Returns the
 * holder and the canvas area inside it.
 */
function offscreenHolder(pageWidth: number): { holder: HTMLElement; place: HTMLElement } {
  const div = (cls: string, ...children: HTMLElement[]) => {
    const el = document.createElement("div");
    el.className = cls;
    el.append(...children);
    return el;
  };
  const place = div("canvas-wrap");
  const holder = div("table-layout", div("area-stage", place), div("area-feed"), div("area-actions"), div("area-tracks"));
  holder.dataset.tableHolder = "";
  holder.setAttribute("aria-hidden", "true");
  holder.inert = true;
  holder.style.cssText = `position:fixed;top:0;left:${-2 * pageWidth - 100}px;width:${pageWidth}px;pointer-events:none;`;
  document.body.append(holder);
  return { holder, place };
}

export class TableGame {
  private readonly game: Phaser.Game;
  /** The element Phaser sizes its canvas to; it moves, with the canvas, from the holder to the table. */
  private readonly stage: HTMLElement;
  private holder: HTMLElement | null = null;
  private pending: SceneData | null = null;
  /** The snapshot the scene has drawn (off screen, only the first: it is not redrawn unseen). */
  private given: SceneData | null = null;
  private scene: TableScene | null = null;
  private attached = false;
  /** Set on attach: the next render is the first frame of the table the player sees. */
  private firstFrameDue = false;

  /** Builds the game off screen, laid out for a page `pageWidth` wide; `attach` shows it. */
  constructor(pageWidth = document.documentElement.clientWidth) {
    this.stage = document.createElement("div");
    this.stage.className = "table-stage";
    this.stage.style.cssText = "position:absolute;inset:0;";
    const { holder, place } = offscreenHolder(pageWidth);
    this.holder = holder;
    place.append(this.stage);
    this.game = new Phaser.Game({
      type: Phaser.AUTO,
      parent: this.stage,
      backgroundColor: "#e9e3d6",
      banner: false,
      audio: { noAudio: true },
      scale: { mode: Phaser.Scale.RESIZE, width: this.stage.clientWidth || 640, height: this.stage.clientHeight || 400 },
      render: { antialias: true },
      scene: [TableScene],
    });
    this.game.events.once(Phaser.Core.Events.READY, () => {
      this.scene = this.game.scene.getScene("TableScene") as TableScene;
      if (this.pending) this.give(this.pending);
      this.stage.querySelector("canvas")?.setAttribute("aria-hidden", "true");
      // Attached while booting: it booted at the holder's size, so take the table's now.
      if (this.attached) this.fitToStage();
    });
    this.game.events.on(Phaser.Core.Events.POST_RENDER, () => this.afterRender());
  }

  private afterRender(): void {
    if (!this.scene || !this.pending) return;
    if (!this.attached) {
      // Drawn once off screen (shaders compiled, text rasterised): rest until the table opens.
      if (this.game.loop.running) this.game.loop.sleep();
      // Read by the browser tests and npm run bench:client: a table waits, ready, behind the page.
      if (!document.body.dataset.tablePrepared) {
        document.body.dataset.tablePrepared = "yes";
        performance.mark("table-prepared");
      }
      return;
    }
    if (!this.firstFrameDue) return;
    this.firstFrameDue = false;
    // The render above has been issued; the next animation frame starts once the browser has taken
    // the frame that carries it. That moment is "the table is drawn" (read by npm run bench:client).
    requestAnimationFrame(() => {
      if (!this.attached) return;
      performance.mark("table-drawn");
      document.body.dataset.canvas = "ready";
    });
  }

  /** Shows the game in `host` (the table screen's canvas area), sized to it, and draws it now. */
  attach(host: HTMLElement): void {
    if (this.stage.parentElement === host && this.attached) return;
    host.append(this.stage);
    this.holder?.remove();
    this.holder = null;
    this.attached = true;
    this.firstFrameDue = true;
    delete document.body.dataset.tablePrepared;
    // Booting still (the player was quicker than the download): it starts drawing here once ready.
    if (!this.game.isRunning) return;
    this.fitToStage();
    // What changed while the briefing was read (offers sent, the line moved) now animates, in the
    // table's own layout.
    if (this.pending) this.give(this.pending);
    // Waking runs one step at once (a render in this very task), then the loop carries on.
    if (!this.game.loop.running) this.game.loop.wake();
  }

  /**
   * Sizes the canvas to the stage's place now, rather than at the scale manager's next poll. The
   * check is against the game's size, not the scale manager's record of its parent: Phaser's own
   * refresh at READY records the parent's new size after sizing the canvas to the old one.
   */
  private fitToStage(): void {
    const scale = this.game.scale;
    const place = this.stage.getBoundingClientRect();
    if (place.width === scale.gameSize.width && place.height === scale.gameSize.height) return;
    scale.getParentBounds();
    scale.refresh();
  }

  /** The table's latest snapshot; off screen, it waits for the table to open. */
  update(data: SceneData): void {
    this.pending = data;
    if (this.attached || !this.given) this.give(data);
  }

  /** Hands the scene a snapshot it has not drawn yet (a page re-rendering the same snapshot is not one). */
  private give(data: SceneData): void {
    if (!this.scene) return;
    const g = this.given;
    if (g && g.view === data.view && g.seats === data.seats && g.me === data.me && g.scenario === data.scenario) return;
    this.given = data;
    this.scene.setData(data);
  }

  destroy(): void {
    this.game.destroy(true);
    this.holder?.remove();
    this.holder = null;
  }
}
