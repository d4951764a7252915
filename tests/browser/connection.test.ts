// The page tells people what is happening with the connection and with refused requests: a banner
// when the connection drops and when it is back (the socket is cut from inside the page, the way
// a flaky network would), and readable sentences for errors such as a wrong table code.
import { describe, expect, it } from "vitest";

import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { finishNegotiation, readBriefing, startSolo } from "./person.ts";

describe.skipIf(!hasChromium)("connection and errors", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  it("shows a readable sentence for a table code that does not exist", async () => {
    // Its own log: the browser itself reports the refused matchmaking request (a 4xx/5xx), which
    // is the expected outcome here; everything else must still be clean.
    const joinLog = new ErrorLog();
    const { page } = await newPage(env.browser, joinLog, "join");
    await page.goto(`${env.server.url}/?table=NOPE42`);
    await onScreen(page, "title");
    await page.fill("#panel-join input[name=name]", "Ari");
    await page.click("#panel-join button[type=submit]");
    const error = page.locator("#panel-join .error-text");
    await error.filter({ hasText: /\S/ }).waitFor();
    const text = (await error.textContent()) ?? "";
    console.log(`join error shown: ${text}`);
    expect(text).toMatch(/^[A-Z].*[.!?]$/);
    expect(text).not.toMatch(/undefined|\[object|Error:/);
    await shot(page, "join-error");
    // An empty name is caught before anything is sent.
    await page.fill("#panel-join input[name=name]", "");
    await page.click("#panel-join button[type=submit]");
    await expect(error.textContent()).resolves.toBe("Please enter a display name (up to 40 characters).");
    expect(joinLog.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 60_000);

  it("shows a banner when the connection drops and when it is back, and play goes on", async () => {
    const { page } = await newPage(env.browser, log, "drop");
    await page.addInitScript(() => {
      const Native = window.WebSocket;
      const sockets: WebSocket[] = [];
      (window as unknown as { __sockets: WebSocket[] }).__sockets = sockets;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          sockets.push(this);
        }
      } as typeof WebSocket;
    });
    await startSolo(page, env.server.url, "turkiye", "Deniz");
    await readBriefing(page);
    // Colyseus only reconnects a client that has been in the room for a few seconds.
    await page.waitForTimeout(6000);
    await page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)!.close(4010, "test drop"));
    await page.locator("#banner:not([hidden])").filter({ hasText: "Connection lost" }).waitFor();
    await shot(page, "connection-dropped");
    await page.locator("#banner").filter({ hasText: "Back online" }).waitFor({ timeout: 30_000 });
    await shot(page, "connection-back");
    // The seat still answers: finishing negotiation is accepted after the reconnection.
    await finishNegotiation(page);
    await page.waitForFunction(() => document.body.dataset.stage === "decisions", null, { timeout: 30_000 });
    expect(log.errors).toEqual([]);
  }, 90_000);

  it("fills in the join form for a table link opened in another tab, and seats the person there", async () => {
    const { context, page } = await newPage(env.browser, log, "link");
    await startSolo(page, env.server.url, "qatar", "Noor");
    await readBriefing(page);
    const code = (await page.textContent("[data-testid=code]"))?.trim() ?? "";
    expect(new URL(page.url()).searchParams.get("table")).toBe(code);
    // Another tab holds no seat at this table (seats are kept per tab): it gets the join form.
    const other = log.watch(await context.newPage(), "link-other-tab");
    await other.goto(page.url());
    await onScreen(other, "title");
    expect(await other.inputValue("#panel-join input[name=code]")).toBe(code);
    expect(await other.inputValue("#panel-join input[name=name]")).toBe("Noor");
    await other.selectOption("#panel-join select[name=seat]", "spectator");
    await other.click("#panel-join button[type=submit]");
    await onScreen(other, "table");
    await expect(other.locator(".you").textContent()).resolves.toContain("Spectator");
    expect(log.errors).toEqual([]);
  }, 60_000);
});
