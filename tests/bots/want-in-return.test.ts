// "What would you accept for X?": the bot's answer comes from the same valuation it answers offers
// with, so when the partner then proposes exactly that package, the bot accepts it.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, apply, defaultScenario, playGame, viewFor, type GameState, type PartyId, type Policy } from "../../shared/index.ts";
import { candidateTerms } from "../../shared/policies/offer-candidates.ts";
import { NegotiatorBot, botPolicy, tablePersonas, wantInReturn, type BotConfig } from "../../shared/bots/index.ts";

const scenario = defaultScenario();

/** The table at the start of each week's negotiation, from a game of normal bots. */
function weekStarts(seed: number): GameState[] {
  const starts: GameState[] = [];
  const personas = tablePersonas(seed);
  const policies = Object.fromEntries(
    PARTY_IDS.map((p) => {
      const inner = botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed });
      const policy: Policy = {
        ...inner,
        negotiate(ctx) {
          if (p === "mediators" && !starts.some((s) => s.round === ctx.state.round)) starts.push(ctx.state);
          return inner.negotiate(ctx);
        },
      };
      return [p, policy];
    }),
  ) as Record<PartyId, Policy>;
  if (!playGame(scenario, { seed }, policies).ok) throw new Error("game failed");
  return starts;
}

describe("what a bot would want in return", () => {
  it("is honoured: the completed package, when proposed, is accepted", () => {
    const pairs: Array<[PartyId, PartyId]> = [["israel", "hamas"], ["hamas", "israel"], ["board_of_peace", "turkiye"], ["qatar", "mediators"]];
    let answered = 0;
    for (const state of weekStarts(2).slice(0, 4)) {
      for (const [me, partner] of pairs) {
        const config: BotConfig = { party: me, persona: "pragmatist", difficulty: "normal", seed: 2 };
        const view = viewFor(scenario, state, me);
        // Asked both ways: what would you give for the partner's term, and what do you want for yours.
        const asks = [...candidateTerms(scenario, state, partner, partner).slice(0, 3).map((term) => ({ party: partner, term })), ...candidateTerms(scenario, state, me, me).slice(0, 3).map((term) => ({ party: me, term }))];
        for (const ask of asks) {
          const completion = wantInReturn(config, scenario, view, partner, [ask]);
          if (completion === null) continue;
          const obligations = [ask, ...completion];
          const id = state.nextId;
          const proposed = apply(scenario, state, { type: "propose", by: partner, to: [me], obligations, note: "" });
          // The partner may be unable to offer it for reasons the bot cannot see; then there is nothing to honour.
          if (!proposed.ok) continue;
          const only = { ...proposed.value, offers: proposed.value.offers.map((o) => (o.id !== id && o.status === "open" && o.recipients.includes(me) ? { ...o, status: "expired" as const } : o)) };
          const move = new NegotiatorBot(config).negotiate(scenario, viewFor(scenario, only, me));
          expect(move.intent, `${me} asked by ${partner}: ${move.reason}`).toMatchObject({ type: "accept", offerId: id });
          answered++;
        }
      }
    }
    expect(answered).toBeGreaterThan(10);
  }, 60_000);

  it("refuses questions that make no sense", () => {
    const state = weekStarts(3)[0]!;
    const config: BotConfig = { party: "israel", persona: "hardliner", difficulty: "normal", seed: 3 };
    const view = viewFor(scenario, state, "israel");
    // Asking a bot about a deal with itself.
    expect(wantInReturn(config, scenario, view, "israel", [{ party: "israel", term: { kind: "halt_strikes" } }])).toBeNull();
    // A package naming a third party is not a question between the two of them.
    expect(wantInReturn(config, scenario, view, "hamas", [{ party: "qatar", term: { kind: "host_talks" } }])).toBeNull();
  }, 60_000);
});
