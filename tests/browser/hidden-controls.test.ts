// What a page hides stays hidden, whatever display its class gives it: joining a table, a player
// is not asked for a host key unless they join as the facilitator (the field showed to everyone,
// and people thought they needed one). Every element with the hidden attribute is checked on the
// title screen's tabs and the classroom pages, not only the ones named here.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ErrorLog, hasChromium, newPage, onScreen, useServerAndBrowser } from "./harness.ts";

/** Elements that carry the hidden attribute and are displayed all the same. */
const shownThoughHidden = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>("[hidden]")].filter((e) => getComputedStyle(e).display !== "none").map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").trim().slice(0, 40)}`));

describe.skipIf(!hasChromium)("hidden controls", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("asks for the host key only from someone joining as the facilitator", async () => {
    const { page } = await newPage(env.browser, log, "join", { width: 390, height: 844 });
    await page.goto(env.server.url);
    await onScreen(page, "title");
    for (const tab of ["#tab-solo", "#tab-join", "#tab-create"]) {
      await page.click(tab);
      expect(await shownThoughHidden(page), tab).toEqual([]);
    }
    await page.click("#tab-join");
    const hostKey = page.locator("#panel-join input[name=hostKey]");
    expect(await hostKey.isVisible()).toBe(false);
    await page.selectOption("#panel-join select[name=seat]", "facilitator");
    expect(await hostKey.isVisible()).toBe(true);
    await page.selectOption("#panel-join select[name=seat]", "israel");
    expect(await hostKey.isVisible()).toBe(false);

    for (const path of ["/?host", "/?join=ABCDE"]) {
      await page.goto(env.server.url + path);
      await page.waitForLoadState("networkidle");
      expect(await shownThoughHidden(page), path).toEqual([]);
    }
    // The unknown class code is the page's own readable refusal, not a page error.
    expect(log.errors.filter((e) => !e.includes("404"))).toEqual([]);
  }, 60_000);
});
