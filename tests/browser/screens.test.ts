// Every screen at the three sizes the game is used at — phone (390×844), laptop (1366×768) and
// projector (1920×1080) — saved to test-artifacts/browser/ for people to look at. The title and
// briefing come from a live solo table on the real server; the later stages from the built-in
// preview (a seeded game played by the shared engine in the page), so they are the same each run.
// Checks that nothing overflows the page sideways and that no console error appears.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canvasReady, ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { readBriefing, startSolo } from "./person.ts";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
  { name: "projector", width: 1920, height: 1080 },
];

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(1);
}

describe.skipIf(!hasChromium)("screens at phone, laptop and projector sizes", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  for (const size of SIZES) {
    it(`draws every screen at ${size.width}×${size.height}`, async () => {
      const { page, context } = await newPage(env.browser, log, size.name, size);
      await page.goto(env.server.url);
      await onScreen(page, "title");
      await noSidewaysScroll(page);
      await shot(page, `${size.name}-1-title`);

      await startSolo(page, env.server.url, "qatar", "Lina");
      await onScreen(page, "briefing");
      await noSidewaysScroll(page);
      await shot(page, `${size.name}-2-briefing`);
      await page.click("button:has-text('Sources')");
      await page.waitForSelector("dialog[open] .source");
      await shot(page, `${size.name}-3-sources`);
      await page.keyboard.press("Escape");
      await readBriefing(page);
      await canvasReady(page);
      await noSidewaysScroll(page);
      await shot(page, `${size.name}-4-table-live`);

      const preview = async (query: string, file: string, tab?: string) => {
        await page.goto(`${env.server.url}/?preview=${query}${tab ? `&tab=${tab}` : ""}`);
        await page.waitForFunction(() => Boolean(document.body.dataset.ready) && document.body.dataset.ready !== "title");
        if ((await page.evaluate(() => document.body.dataset.ready)) === "table") await canvasReady(page);
        await noSidewaysScroll(page);
        await shot(page, `${size.name}-${file}`);
      };
      await preview("negotiation&party=israel&round=2", "5-negotiation");
      await preview("negotiation&party=mediators&round=2", "6-composer", "compose");
      // Build a package in the composer so the picture shows one.
      await page.check('#panel-compose input[data-party="israel"]');
      await page.check('#panel-compose input[data-party="hamas"]');
      await page.selectOption("#panel-compose [data-testid=term-party]", "israel");
      await page.selectOption("#panel-compose [data-testid=term-kind]", "open_crossings");
      await page.click("#panel-compose [data-testid=add-term]");
      await page.selectOption("#panel-compose [data-testid=term-party]", "hamas");
      await page.selectOption("#panel-compose [data-testid=term-kind]", "return_remains");
      await page.click("#panel-compose [data-testid=add-term]");
      await page.locator("#panel-compose").scrollIntoViewIfNeeded();
      await shot(page, `${size.name}-6-composer-filled`);
      await preview("decisions&party=board_of_peace&round=3", "7-decisions", "decide");
      await page.locator("#panel-decide").scrollIntoViewIfNeeded();
      await shot(page, `${size.name}-7-decisions-panel`);
      await page.click("[data-testid=review-decision]");
      await page.waitForSelector("[data-testid=confirm-decision]");
      await shot(page, `${size.name}-8-decision-confirm`);
      await preview("ended&party=hamas", "9-debrief");
      await shot(page, `${size.name}-9-debrief-full`, true);
      await context.close();
      expect(log.errors).toEqual([]);
    }, 180_000);
  }
});
