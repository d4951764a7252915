// A table with one person in a browser page and every other seat played by an SDK client that acts
// only when the test tells it to: the way to make other parties do exactly one thing at a known
// moment (propose, withdraw…) while the page reacts.
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import type { Reply } from "../../shared/protocol.ts";
import { onScreen } from "./harness.ts";

export interface AgentSeat {
  room: Room;
  act(intent: object): Promise<Reply>;
}

/** A seat played by an SDK client that acts only when told, one request at a time. */
export async function agentSeat(url: string, code: string, seat: PartyId): Promise<AgentSeat> {
  const room = await new Client(url).joinById(code, { name: `Agent ${seat}`, seat });
  const waiting = new Map<string, (r: Reply) => void>();
  room.onMessage("welcome", () => {});
  room.onMessage("reply", (r: Reply) => waiting.get(r.requestId)?.(r));
  let n = 0;
  return {
    room,
    act: (intent) => {
      const requestId = `${seat}-${++n}`;
      const replied = new Promise<Reply>((resolve) => waiting.set(requestId, resolve));
      room.send("intent", { requestId, intent });
      return replied;
    },
  };
}

/**
 * Creates a table without bots or timers from the page's title screen, with the person in `seat`,
 * seats an agent in every other seat, begins, and goes to the table. The caller leaves the agents'
 * rooms when done.
 */
export async function tableWithAgents(page: Page, url: string, o: { name: string; seat: PartyId; rounds: number }): Promise<Partial<Record<PartyId, AgentSeat>>> {
  await page.goto(url);
  await onScreen(page, "title");
  await page.click("#tab-create");
  await page.fill("#panel-create input[name=name]", o.name);
  await page.selectOption("#panel-create select[name=seat]", o.seat);
  await page.fill("#panel-create input[name=rounds]", String(o.rounds));
  await page.uncheck("#panel-create input[name=timers]");
  await page.uncheck("#panel-create input[name=bots]");
  await page.click("#panel-create button[type=submit]");
  await onScreen(page, "briefing");
  const code = (await page.textContent("[data-testid=table-code]"))?.trim() ?? "";

  const seats: Partial<Record<PartyId, AgentSeat>> = {};
  for (const seat of PARTY_IDS) if (seat !== o.seat) seats[seat] = await agentSeat(url, code, seat);
  await page.waitForFunction(() => document.querySelectorAll(".seat-list li .muted").length === 6 && ![...document.querySelectorAll(".seat-list li .muted")].some((e) => e.textContent === "open"));
  await page.click("[data-testid=begin]");
  await page.waitForFunction(() => document.body.dataset.stage === "negotiation");
  await page.locator("[data-testid=to-table]").click();
  await onScreen(page, "table");
  return seats;
}
