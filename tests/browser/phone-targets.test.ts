// A phone player's thumb: at 390×844 every control of a week — the title's forms, the briefing,
// the top bar, the table's tabs, the composer, the messages panel, the decisions form — is at least
// 40 px tall and wide, so it can be tapped without hitting its neighbour. Terms explained in place
// (the dotted glossary words inside a sentence or a label) are exempt, as inline links are in WCAG
// 2.5.8. A checkbox or radio counts by the label that holds it: the label is what a finger taps.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { finishNegotiation, readBriefing, startSolo } from "./person.ts";

const MIN = 40;

/** Every visible control smaller than MIN px either way, described for the failure message. */
function tooSmall(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, summary, [role=tab]")) {
      if (el.closest("[hidden], .gloss-pop") || el.classList.contains("gloss")) continue;
      const input = el as HTMLInputElement;
      const target = (input.type === "checkbox" || input.type === "radio") && el.closest("label") ? el.closest("label")! : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (r.height < min || r.width < min)
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent || el.getAttribute("aria-label") || input.name || "").trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return [...new Set(out)];
  }, MIN);
}

describe.skipIf(!hasChromium)("a phone player's tap targets", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it(`every control of a week on a 390×844 phone is at least ${MIN} px either way`, async () => {
    const { page } = await newPage(env.browser, log, "phone", { width: 390, height: 844 });
    const found: Record<string, string[]> = {};
    await page.goto(env.server.url);
    await onScreen(page, "title");
    for (const tab of ["solo", "join", "create"]) {
      await page.click(`#tab-${tab}`);
      found[`title/${tab}`] = await tooSmall(page);
    }
    await startSolo(page, env.server.url, "hamas", "Rami");
    await onScreen(page, "briefing");
    found.briefing = await tooSmall(page);
    await readBriefing(page);
    for (const tab of ["offers", "compose", "messages"]) {
      await page.click(`#tab-${tab}`);
      found[`table/${tab}`] = await tooSmall(page);
    }
    await finishNegotiation(page);
    await page.waitForFunction(() => document.body.dataset.stage === "decisions", null, { timeout: 60_000 });
    await page.click("#tab-decide");
    await page.locator("[data-testid=review-decision]").waitFor();
    found["table/decide"] = await tooSmall(page);
    await shot(page, "phone-targets-decide");
    expect(Object.entries(found).filter(([, small]) => small.length > 0)).toEqual([]);
    expect(log.errors).toEqual([]);
  }, 180_000);
});
