// Reading the table as a player: last week's digest, news and offers folded by week, a glossary term
// explained on hover, tap or keyboard, the seat's own pressure at home, warnings at review, and the
// first-game guide from start to finish (remembered once done). Pictures of each at the three sizes
// go to test-artifacts/browser/reading-*.png.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canvasReady, ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { acceptAny, finishNegotiation, makeOffer, nextWeek, OFFERS, readBriefing, startSolo } from "./person.ts";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
  { name: "projector", width: 1920, height: 1080 },
];

async function openPreview(page: Page, url: string, query: string): Promise<void> {
  await page.goto(`${url}/?preview=${query}`);
  await onScreen(page, "table");
  await canvasReady(page);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's findings on the page as it is now (rule and first targets), for screens this file adds. */
async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const guideTitle = (page: Page) => page.locator("[data-testid=guide] h2").textContent();

describe.skipIf(!hasChromium)("reading the table", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("shows what changed last week, folds older weeks, and explains terms by keyboard and hover", async () => {
    for (const size of SIZES) {
      const { page, context } = await newPage(env.browser, log, `reading-${size.name}`, size);
      await openPreview(page, env.server.url, "negotiation&party=hamas&round=3");

      const digest = page.locator("[data-testid=week-digest]");
      await expect(digest.locator("h2").textContent()).resolves.toBe("What changed in week 2");
      const lines = await digest.locator("li").allInnerTexts();
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line).not.toMatch(/\(s\)|\d\.\d/);

      // Every offer that lapsed says why (overtaken by another package, or the talks closed).
      const lapsed = page.locator("#panel-offers article.offer:has(.status.expired)");
      expect(await lapsed.count()).toBeGreaterThan(0);
      expect(await page.locator("#panel-offers article.offer:has(.status.expired) [data-testid=lapse-note]").count()).toBe(await lapsed.count());

      // The ring's numbers are explained in words beside it.
      await expect(page.getByTestId("ring-key").textContent()).resolves.toContain("your trust in that party, out of 100");

      // Only the latest week's news is open; earlier weeks are folded but there.
      const weeks = page.locator(".news-week");
      expect(await weeks.count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator(".news-week[open]").count()).toBe(1);
      await expect(page.locator(".news-week[open]").getAttribute("data-week")).resolves.toBe("3");

      // The seat's own pressure: its value and one entry per week closed, from its own view.
      const home = page.locator("[data-testid=home-pressure]");
      await expect(home.locator(".home-value").textContent()).resolves.toMatch(/^\d+ of 100/);
      await expect(home.textContent()).resolves.toMatch(/By week: start \d+ · W1 \d+ · W2 \d+$|By week: start \d+ · W1 \d+ · W2 \d+Your red lines/);
      await digest.scrollIntoViewIfNeeded();
      expect(await axeFindings(page), "axe on the table with the digest").toEqual([]);
      await shot(page, `reading-${size.name}-1-digest`);
      if (size.name === "laptop") await shot(page, `reading-${size.name}-1-digest-page`, true);
      // A folded week opens on demand and stays open as the news grows.
      await page.locator(".news-week[data-week='1'] > summary").click();
      expect(await page.locator(".news-week[data-week='1'] li").first().isVisible()).toBe(true);

      // A glossary term, reached by keyboard: focus it, press Enter, read the explanation, Escape.
      const term = page.locator(".area-tracks button.gloss[data-gloss=ddr]").first();
      await term.scrollIntoViewIfNeeded();
      await term.focus();
      await page.keyboard.press("Enter");
      const pop = page.locator(".gloss-pop:popover-open");
      await expect(pop.textContent()).resolves.toContain("Disarmament, demobilisation and reintegration");
      const described = await term.getAttribute("aria-describedby");
      await expect(page.locator(`#${described}`).textContent()).resolves.toContain("demobilisation");
      expect(await axeFindings(page), "axe with a glossary explanation open").toEqual([]);
      await shot(page, `reading-${size.name}-2-glossary`);
      await page.keyboard.press("Escape");
      expect(await page.locator(".gloss-pop:popover-open").count()).toBe(0);
      // …and by hovering with a mouse.
      if (size.name !== "phone") {
        await page.locator(".area-tracks button.gloss[data-gloss=isf]").first().hover();
        await expect(page.locator(".gloss-pop:popover-open").textContent()).resolves.toContain("International Stabilization Force");
      }

      // The glossary beside the sources lists every term.
      await page.click("button:has-text('Sources')");
      await page.waitForSelector("dialog[open] .glossary dt");
      expect(await page.locator("dialog[open] .glossary dt").count()).toBeGreaterThanOrEqual(15);
      await page.keyboard.press("Escape");

      // Offers history, grouped by week: at most the latest week open.
      expect(await page.locator(".offers-week[open]").count()).toBeLessThanOrEqual(1);
      await context.close();
    }
    expect(log.errors).toEqual([]);
  }, 240_000);

  it("warns at review when a decision costs the player at home", async () => {
    const { page, context } = await newPage(env.browser, log, "reading-review", SIZES[1]);
    await openPreview(page, env.server.url, "decisions&party=mediators&round=2");
    await page.click("#tab-decide");
    // Sending US troops into Gaza is a move the rules charge to the Mediators' standing at home.
    await page.locator("#panel-decide [data-testid=move-mediators_mission_creep]").check();
    await page.locator("[data-testid=review-decision]").click();
    await page.waitForSelector("[data-testid=confirm-decision]");
    const cost = page.locator("[data-testid=decision-warnings] li[data-kind=domestic_cost]");
    await expect(cost.innerText()).resolves.toMatch(/^Cost at home: Your domestic pressure would end the week at about \d+ \(now \d+\): about \d+(\.\d)? more than/);
    const id = await page.locator("[data-testid=decision-warnings]").getAttribute("id");
    await expect(page.locator("[data-testid=confirm-decision]").getAttribute("aria-describedby")).resolves.toBe(id);
    expect(await axeFindings(page), "axe on the review with warnings").toEqual([]);
    await shot(page, "reading-laptop-3-review");
    // Going back and choosing no move: no cost at home is reported.
    await page.click("button:has-text('Go back')");
    await page.locator('#panel-decide input[name=g-troops][value=""]').check();
    await page.locator("[data-testid=review-decision]").click();
    await page.waitForSelector("[data-testid=confirm-decision]");
    expect(await page.locator("[data-testid=decision-warnings] li[data-kind=domestic_cost]").count()).toBe(0);
    await context.close();
    expect(log.errors).toEqual([]);
  }, 120_000);

  it("walks a solo player through the first week, then stays away", async () => {
    const { page, context } = await newPage(env.browser, log, "guide", SIZES[1]);
    await startSolo(page, env.server.url, "israel", "Noa");
    await readBriefing(page);
    await canvasReady(page);
    await expect(guideTitle(page)).resolves.toBe("First game?");
    await page.click("[data-testid=guide-start]");
    await expect(guideTitle(page)).resolves.toBe("Read the event");
    expect(await page.locator(".event-card.guide-target").count()).toBe(1);
    await shot(page, "reading-laptop-4-guide");
    await page.click("[data-testid=guide-next]");
    await expect(guideTitle(page)).resolves.toBe("Make one offer");
    await expect(page.locator("#tab-compose").getAttribute("aria-selected")).resolves.toBe("true");

    expect(await makeOffer(page, "israel", OFFERS.israel!)).toBe("");
    await page.waitForFunction(() => document.querySelector("[data-testid=guide] h2")?.textContent !== "Make one offer");
    const afterOffer = await guideTitle(page);
    expect(["Answer one offer", "Decide, in secret"]).toContain(afterOffer);
    // Bots send offers within moments; answer one if it has come.
    await page.waitForSelector("#panel-offers button[data-testid^=accept-]", { timeout: 15_000 }).catch(() => null);
    if (await acceptAny(page)) await page.waitForFunction(() => document.querySelector("[data-testid=guide] h2")?.textContent === "Decide, in secret");
    await finishNegotiation(page);
    await page.waitForFunction(() => document.body.dataset.stage === "decisions", null, { timeout: 60_000 });
    await expect(guideTitle(page)).resolves.toBe("Decide, in secret");
    await page.locator("[data-testid=review-decision]").click();
    await page.locator("[data-testid=confirm-decision]").click();
    await nextWeek(page, 1);
    await page.waitForFunction(() => document.querySelector("[data-testid=guide] h2")?.textContent === "Read what changed");
    expect(await page.locator("[data-testid=week-digest].guide-target").count()).toBe(1);
    await page.click("[data-testid=guide-finish]");
    expect(await page.locator("[data-testid=guide]").isHidden()).toBe(true);

    // A new solo game in the same browser: the guide remembers it was finished.
    await startSolo(page, env.server.url, "hamas", "Noa");
    await readBriefing(page);
    await canvasReady(page);
    expect(await page.locator("[data-testid=guide]").isHidden()).toBe(true);
    await context.close();
    expect(log.errors).toEqual([]);
  }, 240_000);

  it("can be skipped at once, and the guide is drawn at every size", async () => {
    for (const size of SIZES) {
      const { page, context } = await newPage(env.browser, log, `guide-${size.name}`, size);
      await openPreview(page, env.server.url, "negotiation&party=qatar&round=1");
      await expect(guideTitle(page)).resolves.toBe("First game?");
      await page.click("[data-testid=guide-start]");
      expect(await axeFindings(page), "axe with the guide open").toEqual([]);
      await shot(page, `reading-${size.name}-5-guide`);
      await page.click("[data-testid=guide-skip]");
      expect(await page.locator("[data-testid=guide]").isHidden()).toBe(true);
      await openPreview(page, env.server.url, "negotiation&party=qatar&round=1");
      expect(await page.locator("[data-testid=guide]").isHidden()).toBe(true);
      await context.close();
    }
    expect(log.errors).toEqual([]);
  }, 240_000);
});
