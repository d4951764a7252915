// A busy week in a browser page: Hamas's page has an offer from Israel waiting for its answer when
// Qatar and the Mediators counter each other's packages to Hamas more often than the synced window
// holds offers. The open offer stays in
// Hamas's inbox, numbered #1 as before, with its Accept button, and accepting it works; the closed
// offers left out of the window are offered from the record under "Earlier". Pictures of the inbox at
// the three sizes go to test-artifacts/browser/busy-week-*.png.
import { afterAll, describe, expect, it } from "vitest";
import type { Room } from "@colyseus/sdk";
import { WINDOW_LIMITS } from "../../shared/view-window.ts";
import { tableWithAgents } from "./agent-seats.ts";
import { ErrorLog, hasChromium, newPage, shot, useServerAndBrowser } from "./harness.ts";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
  { name: "projector", width: 1920, height: 1080 },
];

describe.skipIf(!hasChromium)("open offers in a busy week", () => {
  const env = useServerAndBrowser();
  const rooms: Room[] = [];
  const log = new ErrorLog();

  afterAll(async () => {
    for (const r of rooms) await r.leave(true).catch(() => {});
  });

  it("keeps the offer Hamas must answer in its inbox, numbered and answerable, however many offers follow", async () => {
    const { page } = await newPage(env.browser, log, "busy-week", { width: 1366, height: 768 });
    const seats = await tableWithAgents(page, env.server.url, { name: "Rana", seat: "hamas", rounds: 6 });
    for (const s of Object.values(seats)) rooms.push(s.room);

    // Israel's offer to Hamas: the first offer Hamas sees.
    const first = await seats.israel!.act({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: { kind: "release_detainees", amount: 500 } }, { party: "hamas", term: { kind: "release_hostages", amount: 5 } }], note: "a first exchange" });
    expect(first.ok).toBe(true);
    await page.click("#tab-offers");
    const accept = page.locator("#panel-offers button[data-testid^=accept-]");
    await accept.first().waitFor();
    const offerId = Number((await accept.first().getAttribute("data-testid"))!.replace("accept-", ""));

    // Qatar puts a package to Hamas and the Mediators, and the two counter each other more times
    // than the window holds offers (a counter is always allowed, whatever the week's allowance of
    // new offers); each counter is a new offer Hamas sees. Paced under the per-client message limit.
    const many = WINDOW_LIMITS.offers.items + 8;
    const opened = await seats.qatar!.act({ type: "propose", to: ["hamas", "mediators"], obligations: [{ party: "qatar", term: { kind: "host_talks" } }, { party: "hamas", term: { kind: "release_hostages", amount: 1 } }], note: "the hosting package" });
    expect(opened.ok, JSON.stringify(opened)).toBe(true);
    for (let i = 0; i < many; i++) {
      const by = i % 2 === 0 ? "mediators" : "qatar";
      const countered = await seats[by]!.act({ type: "counter", offerId: offerId + 1 + i, keep: [0], add: [{ party: "hamas", term: { kind: "release_hostages", amount: 1 + ((i + 1) % 5) } }], note: `counter ${i + 1}` });
      expect(countered.ok, JSON.stringify(countered)).toBe(true);
      await new Promise((r) => setTimeout(r, 60));
    }
    const newest = offerId + 1 + many;
    // The latest counter has reached the page; some offers are now only in the record.
    await page.waitForSelector(`#panel-offers [data-offer="${newest}"]`);
    await page.locator("#panel-offers [data-testid=earlier-offers]").waitFor();

    // Israel's offer is still in the inbox, still #1, with its buttons.
    const card = page.locator(`#panel-offers article[data-offer="${offerId}"]`);
    await expect(card.getAttribute("aria-label")).resolves.toBe("Offer 1 from Israel");
    await expect(card.locator(".offer-no").textContent()).resolves.toBe("#1 ");
    expect(await page.locator(`#panel-offers button[data-testid=accept-${offerId}]`).isEnabled()).toBe(true);
    // The newest (Qatar's last counter, open too) keeps its own number: Hamas's offer many + 2.
    await expect(page.locator(`#panel-offers article[data-offer="${newest}"]`).getAttribute("aria-label")).resolves.toBe(`Offer ${many + 2} from Qatar`);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await card.scrollIntoViewIfNeeded();
      await shot(page, `busy-week-${size.name}-inbox`);
    }

    // Answering it works as for any offer: accepted, it leaves the inbox (and, closed and older
    // than the window's newest, the window: the record has it).
    await page.click(`#panel-offers button[data-testid=accept-${offerId}]`);
    await page.locator(`#panel-offers button[data-testid=accept-${offerId}]`).waitFor({ state: "detached" });
    await page.waitForSelector("#panel-offers h3:text-is('Inbox (1)')");
    expect(log.errors).toEqual([]);
  }, 120_000);
});
