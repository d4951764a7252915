// A student still reading their briefing when the teacher begins the first week is told so at once:
// the week's clock is running, and the way to the table is at the foot of a long briefing. Once at
// the table, the notice is gone.
import { describe, expect, it } from "vitest";
import { ErrorLog, hasChromium, newPage, onScreen, useServerAndBrowser } from "../browser/harness.ts";
import { commandAll, openSession } from "./browser-session.ts";

describe.skipIf(!hasChromium)("the first week begins while a student reads", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("tells a student on the briefing that the week has begun", async () => {
    const { code, hostKey } = await openSession(env.server.url, { tables: 1, rounds: 6 });
    const { page } = await newPage(env.browser, log, "student", { width: 390, height: 844 });
    await page.goto(`${env.server.url}/?join=${code}`);
    await page.getByLabel("Your name").fill("Maya");
    await page.getByRole("button", { name: "Join" }).click();
    await onScreen(page, "briefing");
    await page.locator("text=Waiting for the host to start the first week").waitFor();
    const begun = page.locator("#toasts", { hasText: "Week 1 has begun" });
    expect(await begun.count()).toBe(0);

    expect(await commandAll(env.server.url, code, hostKey, { type: "begin" })).toBe(200);
    await begun.waitFor({ timeout: 10_000 });
    // Still on the briefing: it is the student's to finish reading.
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe("briefing");

    // At the table the notice has done its work: it comes down rather than telling a student who is
    // already there to go to the table, over the seats it covers on a phone.
    await page.locator("[data-testid=to-table]").click();
    await onScreen(page, "table");
    expect(await begun.count()).toBe(0);
    expect(log.errors).toEqual([]);
  }, 60_000);
});
