// A person talks to a bot in the browser: the question menu shows only for a private message; the
// panel says the bot will answer, and the question picked from the menu of terms gets a reply (a
// package it would accept, or why it names none); one click offers that package, and the bot
// accepts it, and its card says why in the bot's words.
import { describe, expect, it } from "vitest";
import { ErrorLog, canvasReady, hasChromium, newPage, shot, useServerAndBrowser } from "./harness.ts";
import { readBriefing, startSolo } from "./person.ts";

describe.skipIf(!hasChromium)("talking to a bot", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("asks Israel's bot what it would accept for opening the crossings and reads its answer", async () => {
    const { page } = await newPage(env.browser, log, "talk", { width: 390, height: 844 });
    await startSolo(page, env.server.url, "hamas", "Amal");
    await readBriefing(page);
    await canvasReady(page);
    await page.click("#tab-messages");
    // A public statement goes to no one in particular: the question menu is not offered (an empty
    // menu with an Ask button that did nothing used to show here).
    expect(await page.locator("[data-testid=message-to]").inputValue()).toBe("all");
    expect(await page.locator("[data-testid=ask-send]").isVisible()).toBe(false);
    expect(await page.locator("[data-testid=ask-term]").isVisible()).toBe(false);
    await page.selectOption("[data-testid=message-to]", "israel");
    expect(await page.locator("[data-testid=ask-send]").isVisible()).toBe(true);
    await expect(page.locator("[data-testid=recipient-note]").textContent()).resolves.toMatch(/played by a bot: it answers/);
    await page.selectOption("[data-testid=ask-term]", "open_crossings");
    await page.click("[data-testid=ask-send]");
    // The question shows at once; the bot's answer follows at bot pace ("typing…" meanwhile).
    const question = page.locator("#panel-messages li", { hasText: "What would you accept for: Open the crossings?" });
    await question.waitFor();
    const answer = page.locator("#panel-messages li", { hasText: /Israel\s*→ Hamas \(private\)/ }).first();
    await answer.waitFor({ timeout: 20_000 });
    expect(await page.locator("[data-testid=typing-israel]").count()).toBe(0);
    const text = (await answer.textContent()) ?? "";
    // Either a package it will accept, or the honest reason it names none.
    expect(text).toMatch(/we would .* Offer us exactly that package this week and we accept it|cannot|Nothing|not worth/);
    // The panel redraws as the table changes (bots speaking, getting ready): the element found may
    // be replaced while it is scrolled to, and is found again.
    for (let tries = 1; ; tries++) {
      try {
        await answer.scrollIntoViewIfNeeded({ timeout: 5_000 });
        break;
      } catch (e) {
        if (tries === 3) throw e;
      }
    }
    await shot(page, "talk-bot-reply-phone");
    if (/we accept it/.test(text)) {
      // One click offers exactly the package named; the bot accepts it at bot pace.
      await answer.locator("button", { hasText: "Offer this package" }).click();
      await page.click("#tab-offers");
      await page.locator("#panel-offers summary", { hasText: /[1-9]\d* accepted/ }).first().waitFor({ timeout: 20_000 });
      // The accepted card says why, in the bot's words.
      await expect(page.locator("#panel-offers [data-testid=accept-note]", { hasText: "Israel: “Accepted: this is the package we named" }).count()).resolves.toBe(1);
    }
    expect(log.errors).toEqual([]);
  }, 120_000);
});
