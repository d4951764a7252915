// A state made from a view (shared/view-state.ts stateFromView) shares the view's items instead of
// copying them: the page, the example agent and the server's bots hand it to the rules and to the
// bots, and none of them may change it, since the same view (and, on the server, the real state's
// items) is read again after them. Here every question a client or a bot asks is asked on a
// deep-frozen view — a change to any of its objects throws in a module — and must give the same
// answer as on an unfrozen copy, through whole seeded games.
import { describe, expect, it } from "vitest";
import { apply, availableTerms, createGame, decisionOptions, defaultScenario, legalActions, offersAwaiting, PARTY_IDS, Random, seedToRng, viewFor, type Action, type GameState, type PartyId, type TableView } from "../../shared/index.ts";
import { NegotiatorBot } from "../../shared/bots/bot.ts";
import { standInDecision } from "../../shared/stand-in.ts";
import { checkIntent, checkIntentOn, stateFromView } from "../../shared/view-state.ts";
import { chooseIntent } from "../../examples/external-bot.ts";
import { deepFreeze } from "../helpers/deep-freeze.ts";
import { greedyIntent } from "../helpers/greedy-intent.ts";

const scenario = defaultScenario();

/** Everything a client or a bot asks of one view, as plain data to compare. */
function answers(view: TableView, party: PartyId, seed: number) {
  const state = stateFromView(view);
  const bot = new NegotiatorBot({ party, persona: "pragmatist", difficulty: "hard", seed });
  const move = view.stage === "negotiation" ? bot.negotiate(scenario, view).intent : view.stage === "decisions" ? bot.decide(scenario, view).decision : null;
  const asked = view.stage === "negotiation" ? (move as Parameters<typeof checkIntent>[3]) : view.stage === "decisions" ? { type: "decide" as const, decision: move as never } : null;
  return {
    terms: availableTerms(scenario, state, party),
    awaiting: offersAwaiting(state, party).map((o) => o.id),
    legal: legalActions(state, party),
    options: view.stage === "decisions" ? decisionOptions(scenario, state, party) : null,
    standIn: standInDecision(scenario, view, party),
    move,
    verdict: asked ? checkIntent(scenario, view, party, asked) : null,
    verdictOnState: asked ? checkIntentOn(scenario, state, party, asked) : null,
    agent: chooseIntent(view, party, false, { skipOffers: new Set(), noProposalRound: -1 }),
  };
}

describe("a state made from a view", () => {
  it("leaves the view as it was: every rule, bot and agent question gives the same answer on a frozen view", () => {
    let asked = 0;
    for (const seed of [5, 17]) {
      const created = createGame(scenario, { seed, rounds: 6 });
      if (!created.ok) throw new Error(created.error.message);
      const begun = apply(scenario, created.value, { type: "begin", by: "system" });
      if (!begun.ok) throw new Error(begun.error.message);
      let s: GameState = begun.value;
      const random = new Random(seedToRng(seed));
      for (let step = 0; step < 300 && s.stage !== "ended"; step++) {
        const p = PARTY_IDS[step % PARTY_IDS.length]!;
        if (step % 4 === 0) {
          // The view as a client holds it: decoded from JSON, then read-only.
          const text = JSON.stringify(viewFor(scenario, s, p));
          const frozen = deepFreeze(JSON.parse(text) as TableView);
          expect(answers(frozen, p, seed)).toEqual(answers(JSON.parse(text) as TableView, p, seed));
          expect(JSON.stringify(frozen)).toBe(text);
          asked++;
        }
        const intent = greedyIntent(scenario, s, p, random);
        if (!intent) continue;
        const next = apply(scenario, s, { ...intent, by: p } as Action);
        if (next.ok) s = next.value;
        else if (s.stage === "negotiation") s = (apply(scenario, s, { type: "ready", by: p }) as { ok: true; value: GameState }).value;
      }
      expect(s.stage).toBe("ended");
    }
    expect(asked).toBeGreaterThan(20);
  });
});
