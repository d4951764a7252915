// The debrief's scores never show a lost tie as a tie: when two totals round to the same whole
// number but differ (112.1 and 112), they are shown with their decimal, so the row marked "top
// score" visibly has the higher total. (Seed 8 ends with Israel 112.1, the Mediators 112.) On a
// phone the total, the number that decides, is in view without scrolling the table sideways.
import { describe, expect, it } from "vitest";
import { ErrorLog, hasChromium, newPage, onScreen, useServerAndBrowser } from "./harness.ts";

describe.skipIf(!hasChromium)("the debrief's scores", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("shows the totals that rounding would make equal with their decimal", async () => {
    const { page } = await newPage(env.browser, log, "debrief", { width: 1366, height: 768 });
    await page.goto(`${env.server.url}/?preview=ended&seed=8&party=israel&rounds=8`);
    await onScreen(page, "debrief", 60_000);
    const rows = await page.locator("table.scores").evaluate((table) => {
      const totalAt = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent!.trim() === "Total");
      return [...table.querySelectorAll("tbody tr")].map((tr) => ({ top: tr.classList.contains("winner"), total: tr.children[totalAt]!.textContent!.trim() }));
    });
    expect(rows.length).toBe(6);
    const top = rows.filter((r) => r.top);
    expect(top.length).toBeGreaterThan(0);
    // Every row showing a top total is marked top score, and no other row shows that total.
    for (const r of rows) if (top.some((t) => t.total === r.total)) expect(r.top, JSON.stringify(rows)).toBe(true);
    expect(rows.map((r) => r.total)).toContain("112.1");
    expect(log.errors).toEqual([]);
  }, 90_000);

  it("shows every total on a phone without scrolling the table sideways", async () => {
    const { page } = await newPage(env.browser, log, "debrief-phone", { width: 390, height: 844 });
    await page.goto(`${env.server.url}/?preview=ended&seed=8&party=israel&rounds=8`);
    await onScreen(page, "debrief", 60_000);
    const cut = await page.locator("table.scores").evaluate((table) => {
      const region = table.closest(".table-scroll")!.getBoundingClientRect();
      const totalAt = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent!.trim() === "Total");
      return [...table.querySelectorAll("tr")]
        .map((tr) => tr.children[totalAt]!)
        .filter((cell) => cell.getBoundingClientRect().right > region.right + 0.5)
        .map((cell) => cell.textContent!.trim());
    });
    expect(cut).toEqual([]);
    expect(log.errors).toEqual([]);
  }, 90_000);
});
