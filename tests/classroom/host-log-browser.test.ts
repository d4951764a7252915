// The console's "What I did" list numbers the teacher's actions, newest first: past nine actions
// its numbers have two digits, and each number is shown whole (the list's indent cut off their
// first digit).
import { describe, expect, it } from "vitest";
import { ErrorLog, hasChromium, newPage, onScreen, useServerAndBrowser } from "../browser/harness.ts";
import { commandAll, openSession } from "./browser-session.ts";

describe.skipIf(!hasChromium)("the console's list of the teacher's actions", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("shows two-digit action numbers whole", async () => {
    const { code, hostKey } = await openSession(env.server.url, { tables: 1, rounds: 6 });
    for (let i = 0; i < 12; i++) expect(await commandAll(env.server.url, code, hostKey, { type: "announce", text: `Note ${i + 1}` })).toBe(200);
    const { page } = await newPage(env.browser, log, "console", { width: 1366, height: 768 });
    await page.goto(`${env.server.url}/?console=${code}#key=${hostKey}`);
    await onScreen(page, "console");
    const list = page.locator(".host-log ol");
    await expect.poll(() => list.locator("li").count()).toBe(12);
    // The widest number ("12.") and the marker's gap, in the list's own type, fit in its indent.
    const room = await list.evaluate((ol) => {
      const style = getComputedStyle(ol.querySelector("li")!);
      const probe = document.createElement("span");
      probe.style.font = style.font;
      probe.style.position = "absolute";
      probe.style.whiteSpace = "pre";
      probe.textContent = "12. ";
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      return { needed, indent: parseFloat(getComputedStyle(ol).paddingLeft) };
    });
    expect(room.indent, JSON.stringify(room)).toBeGreaterThanOrEqual(room.needed);
    expect(log.errors).toEqual([]);
  }, 60_000);
});
