// "To the table" shows the table at once: Phaser and the table's scene are readied while the
// briefing is read, so the click itself puts a drawn canvas, sized to its place, in the table
// screen — no download, no "Drawing the table…" in between. The title, meanwhile, never fetches
// Phaser. (How long it all takes is npm run bench:client's business, not a test's.)
import { describe, expect, it } from "vitest";

import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { startSolo } from "./person.ts";

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

const scripts = () => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js"));

describe.skipIf(!hasChromium)("the table is drawn at once", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("the title leaves Phaser alone; the briefing readies the table; the click shows it drawn and sized; so does a reload", async () => {
    for (const size of SIZES) {
      const label = `${size.width}x${size.height}`;
      const { page, context } = await newPage(env.browser, log, `table-at-once-${label}`, size);
      await page.goto(env.server.url);
      await onScreen(page, "title");
      // The title fetches the rest of the app when idle; Phaser is not part of that.
      await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /\/app-[^/]*\.js$/.test(e.name)));
      expect((await page.evaluate(scripts)).filter((p) => p.includes("/phaser-")), "Phaser fetched on the title").toEqual([]);

      await startSolo(page, env.server.url, "israel", "Dana");
      await onScreen(page, "briefing");
      // While the briefing is read, the table is built and drawn once out of sight.
      await page.waitForFunction(() => document.body.dataset.tablePrepared === "yes");
      expect((await page.evaluate(scripts)).some((p) => p.includes("/phaser-")), "Phaser fetched during the briefing").toBe(true);
      expect(await page.evaluate(() => document.querySelector("#app canvas")), "no canvas on the briefing screen").toBeNull();
      const before = (await page.evaluate(scripts)).length;

      // The click and what the page holds right after it, in one task: nothing awaited in between.
      const atClick = await page.evaluate(() => {
        document.querySelector<HTMLButtonElement>("[data-testid=to-table]")!.click();
        const wrap = document.querySelector<HTMLElement>("#app .canvas-wrap");
        const canvas = wrap?.querySelector("canvas");
        const w = wrap?.getBoundingClientRect();
        const c = canvas?.getBoundingClientRect();
        return {
          screen: document.body.dataset.screen,
          canvasInTable: Boolean(canvas),
          waitingNote: Boolean(wrap?.querySelector(".canvas-fallback")),
          // Sized to its place already (the briefing-time build had a guessed size).
          sizeGap: w && c ? Math.max(Math.abs(w.width - 2 - c.width), Math.abs(w.height - 2 - c.height)) : Infinity,
          leftOffScreen: document.querySelectorAll("[data-table-holder]").length,
        };
      });
      expect(atClick).toEqual({ screen: "table", canvasInTable: true, waitingNote: false, sizeGap: expect.any(Number), leftOffScreen: 0 });
      // The wrap has a 1 px border on each side; the canvas fills the rest.
      expect(atClick.sizeGap).toBeLessThanOrEqual(1);

      await page.waitForFunction(() => document.body.dataset.canvas === "ready");
      expect(await page.evaluate(() => performance.getEntriesByName("table-drawn").length)).toBe(1);
      // Nothing more was downloaded to show the table.
      expect((await page.evaluate(scripts)).length).toBe(before);
      expect(await page.evaluate(() => document.querySelectorAll("canvas").length)).toBe(1);
      await page.waitForTimeout(600);
      await shot(page, `table-at-once-${label}`);

      // A reload mid-game opens the table straight onto the play screen (no briefing to prepare
      // behind): the game then boots while already in its place, and must still take its size.
      await page.evaluate(() => delete document.body.dataset.canvas);
      await page.reload();
      await onScreen(page, "table");
      await page.waitForFunction(() => document.body.dataset.canvas === "ready");
      const reloadGap = await page.evaluate(() => {
        const w = document.querySelector("#app .canvas-wrap")!.getBoundingClientRect();
        const c = document.querySelector("#app .canvas-wrap canvas")!.getBoundingClientRect();
        return Math.max(Math.abs(w.width - 2 - c.width), Math.abs(w.height - 2 - c.height));
      });
      expect(reloadGap, "canvas sized to its place after a reload").toBeLessThanOrEqual(1);
      await context.close();
    }
    expect(log.errors).toEqual([]);
  }, 180_000);
});
