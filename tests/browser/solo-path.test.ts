// A person's path through the game, by clicking and typing only, against the real server: solo as
// Israel to the debrief (an offer made, an offer accepted, decisions each week), then "play again
// with roles swapped" as Hamas to the debrief again. No console errors allowed.
import { describe, expect, it } from "vitest";

import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { playToEnd, readBriefing, startSolo } from "./person.ts";

describe.skipIf(!hasChromium)("a person plays solo in the browser", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("plays as Israel to the debrief, then again as Hamas with roles swapped", async () => {
    const { page } = await newPage(env.browser, log, "solo");
    await startSolo(page, env.server.url, "israel", "Dana");
    await readBriefing(page);
    const first = await playToEnd(page, "israel", async (round) => {
      if (round === 1) await shot(page, "solo-israel-week1");
    });
    expect(first.complaints).toEqual([]);
    expect(first.offered).toBe(true);
    await expect(page.locator("[data-testid=debrief] h1").textContent()).resolves.toMatch(/Collapse|Frozen line|Managed ceasefire|Pathway to peace/);
    expect(await page.locator(".scores tbody tr").count()).toBe(6);
    await shot(page, "solo-israel-debrief", true);

    // Play again with roles swapped: Israel's counterpart is Hamas.
    await page.selectOption("[data-testid=swap-party]", "hamas");
    await page.click("[data-testid=play-swapped]");
    await readBriefing(page);
    await expect(page.locator(".you").textContent()).resolves.toContain("Hamas");
    const second = await playToEnd(page, "hamas");
    expect(second.complaints).toEqual([]);
    expect(second.offered).toBe(true);
    // Across the two games the bots sent offers and one was accepted by clicking.
    expect(first.accepted || second.accepted).toBe(true);
    await onScreen(page, "debrief");
    expect(log.errors).toEqual([]);
  }, 300_000);
});
