// Bots honour or break commitments by expected value, persona by persona, and say why; the
// tournament's persona-against-baseline figures are paired comparisons over the same seeds.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, defaultScenario, viewFor, createGame, apply, playGame, type Action, type GameState, type PartyId, type Policy } from "../../shared/index.ts";
import { ANSWERS_PER_WEEK, BASELINES, NegotiatorBot, PERSONAS, PERSONA_PROFILES, botPolicy, compareWithBaselines, judgeCommitments, tablePersonas, type BaselineName } from "../../shared/bots/index.ts";

const scenario = defaultScenario();

/**
 * Week 3 of 8, decisions: Israel promised Hamas to withdraw 10 points toward the perimeter (before
 * the hostages are home, so keeping it crosses its red line and costs it at home), in return for
 * Hamas restraining its factions. Israel's home pressure is low enough that no objective turns on
 * it; Hamas trusts Israel fairly well, so little retaliation is to be feared.
 */
function withdrawalDue(hamasTrustInIsrael: number): GameState {
  const created = createGame(scenario, { seed: 4 });
  if (!created.ok) throw new Error(created.error.message);
  let s = created.value;
  const step = (a: unknown) => {
    const next = apply(scenario, s, a as Action);
    if (!next.ok) throw new Error(next.error.message);
    s = next.value;
  };
  step({ type: "begin", by: "system" });
  s = structuredClone(s);
  s.round = 3;
  s.parties.israel.pressure = 30;
  s.trust.hamas.israel = hamasTrustInIsrael;
  step({
    type: "propose",
    by: "hamas",
    to: ["israel"],
    obligations: [
      { party: "hamas", term: { kind: "restrain_factions" } },
      { party: "israel", term: { kind: "withdraw", amount: 10 } },
    ],
  });
  step({ type: "accept", by: "israel", offerId: s.offers.at(-1)!.id });
  for (const p of PARTY_IDS) if (s.stage === "negotiation" && !s.parties[p].ready) step({ type: "ready", by: p });
  expect(s.stage).toBe("decisions");
  return s;
}

describe("commitments by expected value", () => {
  it("a hardliner breaks a promise that costs it at home when little trust is at stake, and says why", () => {
    const s = withdrawalDue(70);
    const due = s.commitments.find((c) => c.party === "israel" && c.status === "pending");
    expect(due?.term.kind).toBe("withdraw");
    const { decision, reason } = new NegotiatorBot({ party: "israel", persona: "hardliner", difficulty: "normal", seed: 1 }).decide(scenario, viewFor(scenario, s, "israel"));
    expect(decision.breaks).toEqual([due!.id]);
    expect(reason).toMatch(/^We keep 0 of 1 commitment/);
    expect(reason).toMatch(/we break our promise to withdraw from \d+% of the strip: keeping it would cost us more this week than the trust we lose with Hamas over the weeks left is worth to us/);
    // Said in words: no figure from the bot's valuation.
    expect(reason).not.toMatch(/\d+\.\d|\(\d/);
  });

  it("a dealmaker in the same place keeps its word", () => {
    const s = withdrawalDue(70);
    const { decision, reason } = new NegotiatorBot({ party: "israel", persona: "dealmaker", difficulty: "normal", seed: 1 }).decide(scenario, viewFor(scenario, s, "israel"));
    expect(decision.breaks).toEqual([]);
    expect(reason).toMatch(/^We keep 1 of 1 commitment/);
    expect(reason).not.toMatch(/break/);
  });

  it("the weighing is what the reason reports: gain against the future, persona by persona", () => {
    const s = withdrawalDue(70);
    const due = s.commitments.filter((c) => c.party === "israel" && c.status === "pending");
    const judged = Object.fromEntries(
      PERSONAS.map((p) => [p, judgeCommitments(scenario, s, "israel", due, { ...PERSONA_PROFILES[p], weights: { ...PERSONA_PROFILES[p].weights, certainty: 3 / 8 } })[0]!]),
    );
    for (const p of PERSONAS) expect(judged[p]!.breakIt).toBe(judged[p]!.gain - judged[p]!.future > PERSONA_PROFILES[p].honourBias);
    // Dealmakers value the weeks of trust ahead most, hardliners least.
    expect(judged.dealmaker!.future).toBeGreaterThan(judged.pragmatist!.future);
    expect(judged.pragmatist!.future).toBeGreaterThan(judged.hardliner!.future);
  });

  it("a partner that would answer in kind makes breaking dearer", () => {
    const due = (s: GameState) => s.commitments.filter((c) => c.party === "israel" && c.status === "pending");
    const faith = { ...PERSONA_PROFILES.hardliner, weights: { ...PERSONA_PROFILES.hardliner.weights, certainty: 3 / 8 } };
    const trusting = withdrawalDue(70);
    const wary = withdrawalDue(25);
    const a = judgeCommitments(scenario, trusting, "israel", due(trusting), faith)[0]!;
    const b = judgeCommitments(scenario, wary, "israel", due(wary), faith)[0]!;
    expect(a.retaliation).toBeNull();
    expect(b.retaliation?.party).toBe("hamas");
    expect(b.retaliation!.chance).toBe(1);
    expect(b.future).toBeGreaterThan(a.future);
  });
});

describe("persona against baseline", () => {
  it("is a paired comparison: the same seed and table, one seat swapped, every seat in turn", () => {
    const { pairs, mean } = compareWithBaselines(scenario, 6, 1);
    expect(pairs.map((p) => p.seat)).toEqual([...PARTY_IDS]);
    expect(new Set(pairs.map((p) => p.seed)).size).toBe(6);
    const names = Object.keys(BASELINES) as BaselineName[];
    for (const persona of PERSONAS)
      for (const b of names) {
        const diff = pairs.reduce((n, p) => n + p.persona[persona] - p.baseline[persona][b], 0) / pairs.length;
        expect(mean[persona][b]).toBeCloseTo(diff, 2);
      }
    // With the table's own persona in the seat, the game is the table's unswapped game (at the tournament's pace).
    const first = pairs[0]!;
    const personas = tablePersonas(first.seed);
    const seats = Object.fromEntries(
      PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed: first.seed })]),
    ) as Record<PartyId, Policy>;
    // Played as the tournament plays its tables: every offer answered before the week ends.
    const played = playGame(scenario, { seed: first.seed }, seats, { answersPerWeek: ANSWERS_PER_WEEK });
    if (!played.ok) throw new Error(played.error.message);
    expect(first.persona[personas[first.seat]]).toBe(played.value.state.scores?.[first.seat].total);
  }, 120_000);
});
