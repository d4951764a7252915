// A person at the table, by clicking and typing only: the steps the browser tests share.
import type { Page } from "playwright-core";
import { onScreen } from "./harness.ts";

export interface OfferPlan {
  to: string;
  give: { kind: string; amount?: string };
  want: { kind: string; amount?: string };
}

/** What each party offers in the tests: a give for a want, both legal in phase one. */
export const OFFERS: Record<string, OfferPlan> = {
  israel: { to: "hamas", give: { kind: "open_crossings", amount: "400" }, want: { kind: "release_hostages", amount: "10" } },
  hamas: { to: "israel", give: { kind: "restrain_factions" }, want: { kind: "open_crossings", amount: "400" } },
  mediators: { to: "israel", give: { kind: "security_guarantee" }, want: { kind: "halt_strikes" } },
  qatar: { to: "hamas", give: { kind: "host_talks" }, want: { kind: "restrain_factions" } },
  turkiye: { to: "hamas", give: { kind: "host_talks" }, want: { kind: "restrain_factions" } },
  board_of_peace: { to: "mediators", give: { kind: "board_seat" }, want: { kind: "build_hubs" } },
};

export async function startSolo(page: Page, url: string, party: string, name: string, rounds = 6): Promise<void> {
  await page.goto(url);
  await onScreen(page, "title");
  await page.click("#tab-solo");
  await page.click(`#panel-solo label.party-option:has(input[value="${party}"])`);
  await page.fill("#panel-solo input[name=name]", name);
  await page.fill("#panel-solo input[name=rounds]", String(rounds));
  await page.click("#panel-solo button[type=submit]");
}

/** From the briefing (read first, as a person would) to the table. */
export async function readBriefing(page: Page): Promise<void> {
  await onScreen(page, "briefing");
  await page.locator("[data-testid=to-table]").click();
  await onScreen(page, "table");
}

async function addTerm(page: Page, party: string, term: { kind: string; amount?: string }): Promise<void> {
  await page.selectOption("#panel-compose [data-testid=term-party]", party);
  await page.selectOption("#panel-compose [data-testid=term-kind]", term.kind);
  if (term.amount !== undefined) await page.fill("#panel-compose [data-testid=term-amount]", term.amount);
  await page.click("#panel-compose [data-testid=add-term]");
}

/** Composes and sends a quid pro quo through the composer; returns the rules' complaint if any. */
export async function makeOffer(page: Page, me: string, plan: OfferPlan): Promise<string> {
  await page.click("#tab-compose");
  await page.check(`#panel-compose input[data-party="${plan.to}"]`);
  await addTerm(page, me, plan.give);
  await addTerm(page, plan.to, plan.want);
  await page.fill("#panel-compose textarea", "A first step each; more to follow if this holds.");
  const status = (await page.textContent("#panel-compose [data-testid=composer-status]"))?.trim() ?? "";
  if (status) return status;
  await page.click("#panel-compose [data-testid=send-offer]");
  // A sent offer clears the composer and shows the offers tab again.
  await page.waitForSelector("#tab-offers[aria-selected=true]");
  return "";
}

/** Accepts the first offer awaiting us, if there is one. */
export async function acceptAny(page: Page): Promise<boolean> {
  await page.click("#tab-offers");
  const accept = page.locator("#panel-offers button[data-testid^=accept-]").first();
  if ((await accept.count()) === 0) return false;
  await accept.click();
  return true;
}

export async function finishNegotiation(page: Page): Promise<void> {
  await page.click("#tab-offers");
  const ready = page.locator("[data-testid=ready]");
  if ((await ready.count()) > 0) await ready.click();
}

/** Submits this week's decisions with the confirmation step. */
export async function decide(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.stage === "decisions" || document.body.dataset.stage === "ended", null, { timeout: 60_000 });
  if ((await page.evaluate(() => document.body.dataset.stage)) === "ended") return;
  await page.click("#tab-decide");
  await page.locator("[data-testid=review-decision]").click();
  await page.locator("[data-testid=confirm-decision]").click();
  await page.waitForFunction(
    () => document.querySelector("[data-testid=submitted]") !== null || document.body.dataset.stage !== "decisions",
    null,
    { timeout: 30_000 },
  );
}

export const stageOf = (page: Page) => page.evaluate(() => ({ stage: document.body.dataset.stage ?? "", round: Number(document.body.dataset.round ?? 0), screen: document.body.dataset.ready ?? "" }));

/** Waits for the table to move past a week's decisions (next week's negotiation, or the end). */
export async function nextWeek(page: Page, round: number): Promise<void> {
  await page.waitForFunction(
    (r) => document.body.dataset.stage === "ended" || (Number(document.body.dataset.round) > r && document.body.dataset.stage === "negotiation"),
    round,
    { timeout: 60_000 },
  );
}

/**
 * Plays every week to the end: an offer in the first week, accepting the first offer that arrives,
 * then done negotiating and decisions each week. Returns how many offers were made and accepted.
 */
export async function playToEnd(page: Page, me: string, onWeek?: (round: number) => Promise<void>): Promise<{ offered: boolean; accepted: boolean; complaints: string[] }> {
  let offered = false;
  let accepted = false;
  const complaints: string[] = [];
  for (let guard = 0; guard < 14; guard++) {
    const { stage, round } = await stageOf(page);
    if (stage === "ended") break;
    if (stage === "negotiation") {
      if (!offered) {
        const complaint = await makeOffer(page, me, OFFERS[me]!);
        if (complaint) complaints.push(`week ${round}: ${complaint}`);
        else offered = true;
      }
      if (!accepted) accepted = await acceptAny(page);
      await onWeek?.(round);
      await finishNegotiation(page);
    }
    await decide(page);
    await nextWeek(page, round);
  }
  await onScreen(page, "debrief", 60_000);
  return { offered, accepted, complaints };
}
