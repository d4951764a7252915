// The client asks shared/ what is legal on the view it holds (shared/view-state.ts). This checks,
// over seeded bot games, that every answer the panels use — terms available, each term's check,
// decision options, offers awaiting, legal actions, and the reducer's verdict on the bots' own
// intents — is the same on the seat's view as on the real state. No browser needed.
import { describe, expect, it } from "vitest";
import {
  apply,
  availableTerms,
  checkTerm,
  createGame,
  decisionOptions,
  defaultScenario,
  legalActions,
  offersAwaiting,
  PARTY_IDS,
  Random,
  seedToRng,
  viewFor,
  type Action,
  type GameState,
} from "../../shared/index.ts";
import { checkIntent, stateFromView } from "../../shared/view-state.ts";
import { greedyIntent } from "../helpers/greedy-intent.ts";

const scenario = defaultScenario();

function compareAt(state: GameState): number {
  let checks = 0;
  for (const p of PARTY_IDS) {
    const view = viewFor(scenario, state, p);
    const seen = stateFromView(view);
    expect(availableTerms(scenario, seen, p)).toEqual(availableTerms(scenario, state, p));
    for (const kind of availableTerms(scenario, state, p)) {
      const spec = scenario.terms[kind];
      const term = spec.param.type === "amount" ? { kind, amount: spec.param.min } : spec.param.type === "choice" ? { kind, option: spec.param.options[0]! } : { kind };
      expect(checkTerm(scenario, seen, p, term, "t")).toEqual(checkTerm(scenario, state, p, term, "t"));
    }
    expect(offersAwaiting(seen, p)).toEqual(offersAwaiting(state, p));
    expect(legalActions(seen, p)).toEqual(legalActions(state, p));
    if (state.stage === "decisions") expect(decisionOptions(scenario, seen, p)).toEqual(decisionOptions(scenario, state, p));
    checks++;
  }
  return checks;
}

describe("legality asked on a seat's view", () => {
  it("answers as the real state does, through whole bot games", () => {
    let checks = 0;
    let intents = 0;
    for (const seed of [3, 11, 29]) {
      const created = createGame(scenario, { seed, rounds: 6 });
      if (!created.ok) throw new Error(created.error.message);
      let state = apply(scenario, created.value, { type: "begin", by: "system" });
      if (!state.ok) throw new Error(state.error.message);
      let s = state.value;
      const random = new Random(seedToRng(seed));
      for (let step = 0; step < 400 && s.stage !== "ended"; step++) {
        checks += compareAt(s);
        const p = PARTY_IDS[step % PARTY_IDS.length]!;
        const intent = greedyIntent(scenario, s, p, random);
        if (!intent) continue;
        // What the composer and the decision panel would say before sending…
        const predicted = checkIntent(scenario, viewFor(scenario, s, p), p, intent);
        const next = apply(scenario, s, { ...intent, by: p } as Action);
        // …is what the rules then do.
        expect(predicted === null).toBe(next.ok);
        intents++;
        if (next.ok) s = next.value;
        else if (s.stage === "negotiation") s = (apply(scenario, s, { type: "ready", by: p }) as { ok: true; value: GameState }).value;
      }
      expect(s.stage).toBe("ended");
    }
    expect(checks).toBeGreaterThan(100);
    expect(intents).toBeGreaterThan(50);
  });
});
