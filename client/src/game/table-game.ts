// Boots Phaser inside a container (loaded on demand: Phaser is its own chunk) and forwards
// snapshots to the TableScene. Falls back to a note if WebGL and Canvas are both unavailable.
import * as Phaser from "phaser";
import { TableScene, type SceneData } from "./TableScene.ts";

export class TableGame {
  private readonly game: Phaser.Game;
  private pending: SceneData | null = null;
  private scene: TableScene | null = null;

  constructor(parent: HTMLElement) {
    this.game = new Phaser.Game({
      type: Phaser.AUTO,
      parent,
      backgroundColor: "#e9e3d6",
      banner: false,
      audio: { noAudio: true },
      scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 640, height: parent.clientHeight || 400 },
      render: { antialias: true },
      scene: [TableScene],
    });
    this.game.events.once(Phaser.Core.Events.READY, () => {
      this.scene = this.game.scene.getScene("TableScene") as TableScene;
      if (this.pending) this.scene.setData(this.pending);
      parent.querySelector("canvas")?.setAttribute("aria-hidden", "true");
      document.body.dataset.canvas = "ready";
    });
  }

  update(data: SceneData): void {
    this.pending = data;
    this.scene?.setData(data);
  }

  destroy(): void {
    this.game.destroy(true);
  }
}
