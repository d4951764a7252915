// A keyboard user on an offer's Accept when another party closes that offer: the card leaves the
// inbox with the focused button, and focus must go on to the next offer's Accept (or, when no offer
// is left to answer, to "done negotiating") — not fall to the top of the page, where the next Tab
// would start again from the title bar.
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Room } from "@colyseus/sdk";
import { tableWithAgents } from "./agent-seats.ts";
import { ErrorLog, hasChromium, newPage, shot, useServerAndBrowser } from "./harness.ts";

/** The focused control's test id ("body" when focus fell to the page) and whether its ring shows. */
function focused(page: Page): Promise<{ key: string; ring: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { key: "body", ring: false };
    return { key: el.dataset.testid ?? el.id, ring: el.matches(":focus-visible") };
  });
}

describe.skipIf(!hasChromium)("focus when an offer closes under it", () => {
  const env = useServerAndBrowser();
  const rooms: Room[] = [];
  const log = new ErrorLog();

  afterAll(async () => {
    for (const r of rooms) await r.leave(true).catch(() => {});
  });

  it("moves on to the next offer's Accept, then to done negotiating", async () => {
    const { page } = await newPage(env.browser, log, "closed-offer-focus", { width: 1366, height: 768 });
    const seats = await tableWithAgents(page, env.server.url, { name: "Samir", seat: "hamas", rounds: 6 });
    for (const s of Object.values(seats)) rooms.push(s.room);

    const fromIsrael = await seats.israel!.act({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: { kind: "release_detainees", amount: 500 } }, { party: "hamas", term: { kind: "release_hostages", amount: 5 } }], note: "" });
    const fromQatar = await seats.qatar!.act({ type: "propose", to: ["hamas"], obligations: [{ party: "qatar", term: { kind: "host_talks" } }, { party: "hamas", term: { kind: "release_hostages", amount: 1 } }], note: "" });
    expect(fromIsrael.ok && fromQatar.ok, JSON.stringify([fromIsrael, fromQatar])).toBe(true);
    const accept = page.locator("#panel-offers button[data-testid^=accept-]");
    await page.waitForFunction(() => document.querySelectorAll("#panel-offers button[data-testid^=accept-]").length === 2);
    const [first, second] = await accept.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!));

    // Tab from the Offers tab to the first offer's Accept, as a keyboard user would.
    await page.focus("#tab-offers");
    for (let i = 0; i < 40 && (await focused(page)).key !== first; i++) await page.keyboard.press("Tab");
    expect((await focused(page)).key).toBe(first);

    // Israel withdraws its offer: its card goes, and focus goes to Qatar's offer's Accept.
    expect((await seats.israel!.act({ type: "withdraw", offerId: Number(first!.replace("accept-", "")) })).ok).toBe(true);
    await page.locator(`[data-testid=${first}]`).waitFor({ state: "detached" });
    await page.waitForFunction((key) => document.activeElement instanceof HTMLElement && document.activeElement.dataset.testid === key, second, { timeout: 5000 }).catch(() => {});
    expect(await focused(page)).toEqual({ key: second, ring: true });

    // Qatar withdraws too: nothing is left to answer, and focus goes to "done negotiating".
    expect((await seats.qatar!.act({ type: "withdraw", offerId: Number(second!.replace("accept-", "")) })).ok).toBe(true);
    await page.locator(`[data-testid=${second}]`).waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement instanceof HTMLElement && document.activeElement.dataset.testid === "ready", null, { timeout: 5000 }).catch(() => {});
    expect(await focused(page)).toEqual({ key: "ready", ring: true });
    await shot(page, "closed-offer-focus-ready");

    // The next Tab goes on from there, not from the top of the page.
    await page.keyboard.press("Tab");
    expect((await focused(page)).key).not.toBe("body");
    expect(log.errors).toEqual([]);
  }, 120_000);
});
