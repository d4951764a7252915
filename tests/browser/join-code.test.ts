// Joining a table from the title screen the way people do it: the code typed in lower case (as a
// phone's keyboard offers it), or the whole link pasted into the code field. Both reach the table;
// something that is no code at all gets a sentence about codes, not the server's route error.
import { afterAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { ErrorLog, hasChromium, newPage, onScreen, useServerAndBrowser } from "./harness.ts";

describe.skipIf(!hasChromium)("the join form's code", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();
  const rooms: Room[] = [];
  afterAll(async () => {
    for (const r of rooms) await r.leave(true).catch(() => {});
  });

  it("takes a lower-case code or a pasted link, and explains anything else", async () => {
    const host = await new Client(env.server.url).create("table", { name: "Host", seat: "facilitator", rounds: 6 });
    host.onMessage("*", () => {});
    rooms.push(host);
    const code = host.roomId;
    const { page } = await newPage(env.browser, log, "join", { width: 390, height: 844 });
    const join = async (typed: string) => {
      await page.goto(env.server.url);
      await onScreen(page, "title");
      await page.click("#tab-join");
      await page.fill("#panel-join input[name=code]", typed);
      await page.fill("#panel-join input[name=name]", "Noor");
      await page.click("#panel-join button[type=submit]");
    };

    await join(code.toLowerCase());
    await onScreen(page, "briefing");
    expect(new URL(page.url()).searchParams.get("table")).toBe(code);

    await join(`${env.server.url}/?table=${code}`);
    await onScreen(page, "briefing");
    expect(new URL(page.url()).searchParams.get("table")).toBe(code);

    for (const junk of ["https://example.org/some/page", "AB-12"]) {
      await join(junk);
      const error = page.locator("#panel-join .error-text");
      await expect.poll(() => error.textContent()).toMatch(/code/i);
      expect(await error.textContent()).not.toMatch(/matchmaking|route/i);
      expect(await page.evaluate(() => document.body.dataset.ready)).toBe("title");
    }
    expect(log.errors).toEqual([]);
  }, 90_000);
});
