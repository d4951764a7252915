// A reload puts the person back in their seat, on the screen they were on, with no click: the
// briefing, the table with the tab they had open, a decision half made. The same after the server
// restarts (tables are kept in DATA_DIR). "Leave" asks first and says what becomes of the seat.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ensureClientBuilt, ErrorLog, hasChromium, launchBrowser, newPage, onScreen, shot, startGameServer, type RunningServer } from "./harness.ts";
import { finishNegotiation, readBriefing, startSolo } from "./person.ts";

/** Reloads and waits for `screen` without touching the page; prints how long it took. */
async function reloadTo(page: Page, screen: string, label: string): Promise<void> {
  const started = Date.now();
  await page.reload();
  await onScreen(page, screen);
  console.log(`${label}: back on the ${screen} ${Date.now() - started} ms after the reload`);
  // Never the title's join form on the way.
  expect(await page.locator("#panel-join").count()).toBe(0);
}

const seatOf = (page: Page) => page.locator(".you").textContent();
const codeOf = async (page: Page) => (await page.textContent("[data-testid=code]"))?.trim() ?? "";

describe.skipIf(!hasChromium)("back in your seat after a reload", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ceasefire-reload-"));
  let server: RunningServer;
  let browser: Browser;
  const log = new ErrorLog();

  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startGameServer({ env: { DATA_DIR: dataDir } });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("returns to the briefing, then to the table and the tab that was open, mid-negotiation", async () => {
    const { page } = await newPage(browser, log, "reload-negotiation");
    await startSolo(page, server.url, "israel", "Tamar");
    await onScreen(page, "briefing");
    const code = await codeOf(page);
    await reloadTo(page, "briefing", "briefing");
    expect(await codeOf(page)).toBe(code);
    await readBriefing(page);
    await page.click("#tab-messages");
    expect(await page.evaluate(() => document.body.dataset.stage)).toBe("negotiation");
    await reloadTo(page, "table", "mid-negotiation");
    expect(await codeOf(page)).toBe(code);
    await expect(seatOf(page)).resolves.toContain("Israel");
    await page.locator("#tab-messages[aria-selected=true]").waitFor();
    await shot(page, "reload-negotiation");
    expect(log.errors).toEqual([]);
  }, 90_000);

  it("returns to a decision in progress with the choices already made", async () => {
    const { page } = await newPage(browser, log, "reload-decision");
    await startSolo(page, server.url, "hamas", "Samir");
    await readBriefing(page);
    await finishNegotiation(page);
    await page.waitForFunction(() => document.body.dataset.stage === "decisions", null, { timeout: 60_000 });
    await page.click("#tab-decide");
    const move = page.locator("#panel-decide input[type=radio][data-testid^=move-]").first();
    const moveId = await move.getAttribute("data-testid");
    await move.check();
    await reloadTo(page, "table", "mid-decision");
    await expect(seatOf(page)).resolves.toContain("Hamas");
    await page.locator("#tab-decide[aria-selected=true]").waitFor();
    await expect(page.locator(`#panel-decide [data-testid="${moveId}"]`).isChecked()).resolves.toBe(true);
    await shot(page, "reload-decision");
    expect(log.errors).toEqual([]);
  }, 120_000);

  it("after a server restart the page rejoins by itself, and a reload still returns to the seat", async () => {
    const { page } = await newPage(browser, log, "reload-restart");
    await startSolo(page, server.url, "qatar", "Noor");
    await readBriefing(page);
    const code = await codeOf(page);
    await page.click("#tab-compose");
    await server.stop();
    server = await startGameServer({ port: server.port, env: { DATA_DIR: dataDir } });
    await page.locator("#banner").filter({ hasText: "Back online" }).waitFor({ timeout: 60_000 });
    await expect(seatOf(page)).resolves.toContain("Qatar");
    await reloadTo(page, "table", "after a restart");
    expect(await codeOf(page)).toBe(code);
    await expect(seatOf(page)).resolves.toContain("Qatar");
    await page.locator("#tab-compose[aria-selected=true]").waitFor();
    // A stop drops the socket: the browser logs the refused reconnection attempts, nothing else.
    expect(log.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
  }, 150_000);

  it("asks before leaving, says the seat goes to a bot, and stays on 'Stay'", async () => {
    const leaveLog = new ErrorLog();
    const { page } = await newPage(browser, leaveLog, "leave");
    await startSolo(page, server.url, "turkiye", "Deniz");
    await readBriefing(page);
    await page.click("[data-testid=leave]");
    const dialog = page.locator("[data-testid=leave-dialog]");
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/bot takes over Türkiye/);
    await shot(page, "leave-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe("table");
    await page.click("[data-testid=leave]");
    await page.click("[data-testid=leave-confirm]");
    await onScreen(page, "title");
    // Leaving gave the seat up: a reload shows the title, not the table.
    await page.reload();
    await onScreen(page, "title");
    expect(leaveLog.errors).toEqual([]);
  }, 90_000);

  it("a solo briefing does not invite anyone to join with a code", async () => {
    const { page } = await newPage(browser, log, "solo-briefing");
    await startSolo(page, server.url, "board_of_peace", "Ana");
    await onScreen(page, "briefing");
    expect(await page.locator("[data-testid=table-code]").count()).toBe(0);
    await expect(page.locator("#lobby-title").textContent()).resolves.toBe("Ready when you are");
  }, 60_000);
});
