// The console opened without its key (the address typed on another computer, or the link copied
// without the part after "#") says what to do in a teacher's words: open the private console link.
// It used to show the API's "send the host key as Authorization: Bearer …".
import { describe, expect, it } from "vitest";
import { ErrorLog, hasChromium, newPage, useServerAndBrowser } from "../browser/harness.ts";
import { openSession } from "./browser-session.ts";

describe.skipIf(!hasChromium)("the console without its key", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("tells the teacher to open the private console link", async () => {
    const { code } = await openSession(env.server.url, { tables: 1 });
    for (const address of [`/?console=${code}`, `/?console=${code}#key=not-the-key`]) {
      const { page, context } = await newPage(env.browser, log, "console", { width: 1366, height: 768 });
      await page.goto(env.server.url + address);
      const alert = page.getByRole("alert").first();
      await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/private console link/);
      expect(await alert.textContent()).not.toMatch(/Authorization|Bearer/);
      await context.close();
    }
    // The refused overview is the expected 403, not a fault of the page.
    expect(log.errors.filter((e) => !e.includes("403"))).toEqual([]);
  }, 60_000);
});
