// Bots at a real table answer a person's private message at bot pace, through the one intent path,
// and accept the package they named when the person offers exactly that.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { replay } from "../../shared/apply.ts";
import { tablePersonas } from "../../shared/bots/index.ts";
import { askPriceText } from "../../shared/bots/talk-intents.ts";
import { quoteFor, quoteObligations } from "../../shared/bots/talk-quote.ts";
import { quoteText } from "../../shared/bots/talk.ts";
import { expectOk, Player, until, useHarness } from "./harness.ts";

const scenario = defaultScenario();
const h = useHarness();

describe("bots talk at the table", () => {
  it("a private message gets a reply; the package named for a term is accepted when offered", async () => {
    const me = await Player.create(h, { name: "Solo", seat: "hamas", solo: true, difficulty: "normal", rounds: 6 });
    await me.ready();
    await until(null, "the game has begun", () => me.publicView.stage === "negotiation");

    expectOk(await me.intent({ type: "message", to: "israel", text: "Hello, what are your red lines?" }));
    await until(h, "Israel's bot replies", () => me.myView!.messages.some((m) => m.from === "israel" && m.to === "hamas"), 200);
    const reply = me.myView!.messages.find((m) => m.from === "israel" && m.to === "hamas")!;
    expect(reply.text).toContain("red lines");

    expectOk(await me.intent({ type: "message", to: "israel", text: askPriceText(scenario, "open_crossings") }));
    await until(h, "Israel's bot names a package", () => me.myView!.messages.filter((m) => m.from === "israel" && m.to === "hamas").length >= 2, 200);
    const named = me.myView!.messages.filter((m) => m.from === "israel" && m.to === "hamas").at(-1)!;
    const session = h.table(me.code).session;
    const persona = tablePersonas(session.pipeline.state.config.seed).israel;
    const quote = quoteFor(scenario, viewFor(scenario, session.pipeline.state, "israel"), "israel", persona, "hamas", "open_crossings");
    expect(quote.ok).toBe(true);
    if (!quote.ok) return;
    expect(named.text).toMatch(/we accept it/);
    expect(named.text).toBe(quoteText(scenario, quote.quote));

    expectOk(await me.intent({ type: "propose", to: ["israel"], obligations: quoteObligations(quote.quote) }));
    const offerId = me.myView!.offers.filter((o) => o.proposer === "hamas").at(-1)!.id;
    await until(h, "Israel's bot answers the package it named", () => me.myView!.offers.find((o) => o.id === offerId)!.status !== "open", 200);
    const status = me.myView!.offers.find((o) => o.id === offerId)!.status;
    if (status !== "accepted") {
      // The one condition the reply states: another deal changed what is on the table meanwhile
      // (other bots keep negotiating while the clock runs), so the bot would now name another package.
      const now = quoteFor(scenario, viewFor(scenario, session.pipeline.state, "israel"), "israel", persona, "hamas", "open_crossings");
      expect(now.ok && JSON.stringify(now.quote) === JSON.stringify(quote.quote)).toBe(false);
    }

    // Everything said went through the log: the table replays to the same state.
    const replayed = replay(scenario, session.pipeline.log);
    expect(replayed.ok).toBe(true);
    if (replayed.ok) expect(replayed.value).toEqual(session.pipeline.state);
  }, 60_000);
});
