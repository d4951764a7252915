// A bot's reasons are checked against its own valuation over a large sample of real moves: no
// utility numbers, every "we would accept it if…" is honoured when that package is then put to the
// bot, and "nothing more would be worth it" is said only when no package meets its own bar.
import { describe, expect, it } from "vitest";
import { candidateTerms } from "../../shared/policies/offer-candidates.ts";
import { PARTY_IDS, apply, createGame, defaultScenario, playGame, viewFor, type Action, type GameState, type Obligation, type PartyId, type Policy } from "../../shared/index.ts";
import {
  NegotiatorBot,
  applyRemedy,
  botPolicy,
  enoughAgreed,
  judge,
  key,
  proposals,
  proposeFloor,
  tablePersonas,
  valuation,
  wantInReturn,
  type BotConfig,
  type BotMove,
} from "../../shared/bots/index.ts";
import { NEW_OFFERS_PER_WEEK, newOffersLeft } from "../../shared/offer-allowance.ts";

const scenario = defaultScenario();

interface Sample {
  config: BotConfig;
  state: GameState;
  move: BotMove;
}

/** Plays games with normal bots (which learn nothing, so a fresh bot values exactly as the playing one) and keeps every negotiation move. */
function sampleMoves(seeds: number[]): Sample[] {
  const samples: Sample[] = [];
  for (const seed of seeds) {
    const personas = tablePersonas(seed);
    const policies = Object.fromEntries(
      PARTY_IDS.map((party) => {
        const config: BotConfig = { party, persona: personas[party], difficulty: "normal", seed };
        const bot = new NegotiatorBot(config);
        const decide = botPolicy(config).decide;
        const policy: Policy = {
          name: "recorded",
          negotiate: ({ state }) => {
            const move = bot.negotiate(scenario, viewFor(scenario, state, party));
            samples.push({ config, state, move });
            return move.intent;
          },
          decide,
        };
        return [party, policy];
      }),
    ) as Record<PartyId, Policy>;
    const played = playGame(scenario, { seed }, policies);
    if (!played.ok) throw new Error("game failed");
  }
  return samples;
}

/**
 * The state in which the bot turned the offer down and `proposer` then put the changed package to
 * it; "spent" when the proposer has no new offer left this week (the condition can then be checked
 * only another week, on another table).
 */
function reoffered(sample: Sample, offerId: number, proposer: PartyId, obligations: Obligation[]): { state: GameState; id: number } | "spent" | null {
  const me = sample.config.party;
  let s = sample.state;
  const step = (action: Action) => {
    const next = apply(scenario, s, action);
    if (next.ok) s = next.value;
    return next.ok;
  };
  if (!step({ type: "reject", by: me, offerId, reason: "" })) throw new Error("the bot could not reject");
  const id = s.nextId;
  // The proposer may be unable to give it for reasons the bot cannot see (its promises to others).
  if (newOffersLeft(s, proposer) === 0) return "spent";
  if (!step({ type: "propose", by: proposer, to: [me], obligations, note: "" })) return null;
  // Only the new package awaits the bot, so its next move is the answer to it.
  s = { ...s, offers: s.offers.map((o) => (o.id !== id && o.status === "open" && o.recipients.includes(me) ? { ...o, status: "expired" as const } : o)) };
  return { state: s, id };
}

describe("bot reasons, checked against the bot's own valuation", () => {
  // Twenty tables: a proposer that has spent its week's new offers cannot put a changed package
  // again, so some conditions cannot be checked in the week they were stated.
  const samples = sampleMoves(Array.from({ length: 20 }, (_, i) => i + 1));

  it("never show a utility number or the bot's minimum", () => {
    expect(samples.length).toBeGreaterThan(300);
    for (const { move } of samples) {
      expect(move.reason).not.toMatch(/\d\.\d/);
      expect(move.reason).not.toMatch(/net gain|at least|expect/i);
    }
  });

  it('"we would accept it if…" and counters are honoured when that package is put to the bot', () => {
    let checked = 0;
    let hidden = 0;
    for (const sample of samples) {
      const f = sample.move.facts;
      if ((f.kind !== "reject" && f.kind !== "counter") || !f.remedy) continue;
      const offerId = (sample.move.intent as { offerId: number }).offerId;
      const offer = sample.state.offers.find((o) => o.id === offerId)!;
      const changed = applyRemedy(offer.obligations, f.remedy);
      const again = reoffered(sample, offerId, offer.proposer, changed);
      if (again === "spent") continue;
      if (!again) {
        hidden++;
        continue;
      }
      const { state, id } = again;
      const answer = new NegotiatorBot(sample.config).negotiate(scenario, viewFor(scenario, state, sample.config.party));
      expect(answer.intent, sample.move.reason).toMatchObject({ type: "accept", offerId: id });
      checked++;
    }
    // Enough cases that the check is not empty.
    expect(checked).toBeGreaterThan(8);
    expect(hidden).toBeLessThan(checked);
  });

  it("accepts only what its valuation says it gains from, and says so", () => {
    let checked = 0;
    for (const sample of samples) {
      if (sample.move.facts.kind !== "accept" || sample.move.facts.closeCall) continue;
      const offer = sample.state.offers.find((o) => o.id === (sample.move.intent as { offerId: number }).offerId)!;
      const v = valuation(sample.config, scenario, viewFor(scenario, sample.state, sample.config.party));
      expect(judge(v, offer.proposer, offer.obligations, offer.recipients).total).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('says "nothing more this week would be worth what it costs us" only when no untried package meets its bar', () => {
    let checked = 0;
    for (const sample of samples) {
      if (!/^Nothing more this week would be worth/.test(sample.move.reason)) continue;
      const me = sample.config.party;
      const v = valuation(sample.config, scenario, viewFor(scenario, sample.state, me));
      const tried = new Set(v.belief.offers.filter((o) => o.round === v.belief.round).map((o) => o.obligations.map(key).sort().join("|")));
      for (const partner of PARTY_IDS) {
        if (partner === me || enoughAgreed(v, partner)) continue;
        const floor = proposeFloor(v, partner);
        if (floor === null) continue;
        const fresh = proposals(v, partner, floor).filter((p) => !tried.has([...p.give, ...p.want].map(key).sort().join("|")));
        expect(fresh, `${me} to ${partner}`).toEqual([]);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it("answers the same package the same way however often it is asked", () => {
    const created = createGame(scenario, { seed: 3 });
    if (!created.ok) throw new Error("setup failed");
    const begun = apply(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error("begin refused");
    let state = begun.value;
    const bot = new NegotiatorBot({ party: "israel", persona: "hardliner", difficulty: "normal", seed: 3 });
    const answers: string[] = [];
    const propose = (s: GameState) =>
      apply(scenario, s, {
        type: "propose",
        by: "hamas",
        to: ["israel"],
        note: "",
        obligations: [{ party: "hamas", term: { kind: "release_hostages", amount: 4 } }, { party: "israel", term: { kind: "release_detainees", amount: 400 } }],
      });
    // Hamas puts the same package to Israel as often as the rules let it in one week; each time it
    // is turned down it comes back as a fresh offer, until the week's new offers are spent.
    for (let i = 0; i < NEW_OFFERS_PER_WEEK; i++) {
      const id = state.nextId;
      const proposed = propose(state);
      if (!proposed.ok) throw new Error(proposed.error.message);
      const move = bot.negotiate(scenario, viewFor(scenario, proposed.value, "israel"));
      answers.push(`${move.intent.type}: ${move.reason}`);
      const closed = apply(scenario, proposed.value, { type: "reject", by: "israel", offerId: id, reason: "" });
      if (!closed.ok) throw new Error(closed.error.message);
      state = closed.value;
    }
    expect(answers).toHaveLength(NEW_OFFERS_PER_WEEK);
    const again = propose(state);
    expect(again.ok ? null : again.error.code).toBe("no_offers_left");
    expect(new Set(answers).size).toBe(1);
  });

  it("takes on at most two packages with one partner in a week, however good a third would be", () => {
    const created = createGame(scenario, { seed: 5 });
    if (!created.ok) throw new Error("setup failed");
    const begun = apply(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error("begin refused");
    const start = begun.value;
    const config: BotConfig = { party: "israel", persona: "dealmaker", difficulty: "normal", seed: 5 };
    const answer = (state: GameState, obligations: Obligation[]) => {
      const proposed = apply(scenario, state, { type: "propose", by: "hamas", to: ["israel"], obligations, note: "" });
      if (!proposed.ok) throw new Error(proposed.error.message);
      return { state: proposed.value, move: new NegotiatorBot(config).negotiate(scenario, viewFor(scenario, proposed.value, "israel")) };
    };
    // A package Israel says it would take, and does take, at the start of the week.
    const ask = { party: "hamas" as const, term: { kind: "release_hostages" as const, amount: 10 } };
    const completion = wantInReturn(config, scenario, viewFor(scenario, start, "israel"), "hamas", [ask]);
    expect(completion).not.toBeNull();
    const good = [ask, ...completion!];
    expect(answer(start, good).move.intent.type).toBe("accept");
    // Two other packages between the two are agreed first, touching none of its terms.
    let state = start;
    const used = new Set(good.map((o) => o.term.kind));
    const others = (party: PartyId) => candidateTerms(scenario, start, party, "hamas").filter((t) => !used.has(t.kind) && t.kind !== "release_hostages");
    for (let i = 0; i < 2; i++) {
      const id = state.nextId;
      const obligations = [{ party: "hamas" as const, term: others("hamas")[i]! }, { party: "israel" as const, term: others("israel")[i]! }];
      const proposed = apply(scenario, state, { type: "propose", by: "hamas", to: ["israel"], obligations, note: "" });
      if (!proposed.ok) throw new Error(proposed.error.message);
      const accepted = apply(scenario, proposed.value, { type: "accept", by: "israel", offerId: id, note: "" });
      if (!accepted.ok) throw new Error(accepted.error.message);
      state = accepted.value;
    }
    const third = answer(state, good).move;
    expect(third.intent.type).toBe("reject");
    expect(third.reason).toMatch(/^Rejected: we have already agreed enough with Hamas this week/);
    // And it says nothing it would not honour: asked again now, it names no package.
    expect(wantInReturn(config, scenario, viewFor(scenario, state, "israel"), "hamas", [ask])).toBeNull();
  });
});
