// The tournament measures what it claims to: efficiency against bundles as well as one-for-one
// trades, beside a random-package baseline; offers left unanswered; exploit policies in every seat
// against the normal bot on the same seed; baselines that take the normal bot's decisions; the same
// report for the same seed however the work is split; and the script's --json fields.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PARTY_IDS, playGame, viewFor, type Offer, type PartyId, type Policy } from "../../shared/index.ts";
import { Random, seedToRng } from "../../shared/rng.ts";
import { emptyDecision } from "../../shared/decisions.ts";
import { offerSpamPolicy, SPAM_OFFERS_PER_WEEK } from "../../shared/policies/exploit-policies.ts";
import {
  NegotiatorBot,
  baselinePolicy,
  botPolicy,
  dealEfficiency,
  isBundle,
  measureTableGame,
  efficiencySpace,
  playExploits,
  playTable,
  summariseTournament,
  tournamentUnits,
  EXPLOITS,
  ANSWERS_PER_WEEK,
  type EfficiencyPackage,
  type UnitResult,
} from "../../shared/bots/index.ts";
import { Table, give, scenario } from "../helpers/game.ts";

const run = promisify(execFile);

function offerOf(t: Table, proposer: PartyId, to: PartyId, p: EfficiencyPackage): Offer {
  return {
    id: 9_999,
    round: t.state.round,
    proposer,
    recipients: [to],
    obligations: p.obligations,
    acceptedBy: [],
    status: "open",
    counterOf: null,
    note: "",
    notes: [],
    closedBy: null,
    reason: "",
  };
}

const dominates = (q: EfficiencyPackage, p: EfficiencyPackage) => q.a >= p.a && q.b >= p.b && (q.a > p.a || q.b > p.b);
const sides = (p: EfficiencyPackage) => PARTY_IDS.map((party) => p.obligations.filter((o) => o.party === party).length);

describe("efficiency against bundles", () => {
  it("gives a one-for-one deal that a bundle beats for both sides a positive Pareto distance, though no one-for-one beats it", () => {
    const t = Table.begin({ seed: 3 });
    let found: { a: PartyId; b: PartyId; deal: EfficiencyPackage; bundle: EfficiencyPackage } | null = null;
    for (const a of PARTY_IDS)
      for (const b of PARTY_IDS) {
        if (a === b || found) continue;
        const ones = efficiencySpace(scenario, t.state, a, b, 1).filter((p) => p.obligations.length === 2 && Math.max(...sides(p)) === 1);
        const twos = efficiencySpace(scenario, t.state, a, b, 2).filter((p) => Math.max(...sides(p)) >= 2);
        for (const deal of ones) {
          if (found || efficiencySpace(scenario, t.state, a, b, 1).some((q) => dominates(q, deal))) continue;
          const bundle = twos.find((q) => dominates(q, deal));
          if (bundle) found = { a, b, deal, bundle };
        }
      }
    expect(found).not.toBeNull();
    const { a, b, deal } = found!;
    const offer = offerOf(t, a, b, deal);
    // Against one-for-one trades only, the deal looks perfect; against bundles it does not.
    expect(dealEfficiency(scenario, t.state, offer, 1)!.pareto).toBeCloseTo(0, 9);
    expect(dealEfficiency(scenario, t.state, offer, 2)!.pareto).toBeGreaterThan(0);
  });

  it("draws the null baseline from packages both sides gain from, the same for the same seed", () => {
    const t = Table.begin({ seed: 3 });
    const space = efficiencySpace(scenario, t.state, "israel", "hamas", 2);
    expect(space.some((p) => p.a > 0 && p.b > 0)).toBe(true);
    const offer = offerOf(t, "israel", "hamas", space.find((p) => p.a > 0 && p.b > 0)!);
    const once = dealEfficiency(scenario, t.state, offer, 2, new Random(seedToRng(5)));
    const again = dealEfficiency(scenario, t.state, offer, 2, new Random(seedToRng(5)));
    expect(once!.nullPareto).not.toBeNull();
    expect(once!.nullPareto).toBeGreaterThanOrEqual(0);
    expect(once!.nullPareto).toBeLessThanOrEqual(Math.SQRT2);
    expect(again).toEqual(once);
    expect(once!.packages).toBe(space.length);
    expect(dealEfficiency(scenario, t.state, offer, 2)!.nullPareto).toBeNull();
  });
});

describe("what the tables count", () => {
  it("counts an offer left without an answer when the week's negotiation ends, and not one that was answered", () => {
    const unanswered = Table.begin({ seed: 1 });
    unanswered.propose("israel", ["hamas"], [give("israel", "open_crossings", 600), give("hamas", "release_hostages", 10)]);
    unanswered.readyAll();
    const answered = Table.begin({ seed: 1 });
    const id = answered.propose("israel", ["hamas"], [give("israel", "open_crossings", 600), give("hamas", "release_hostages", 10)]);
    answered.play({ type: "reject", by: "hamas", offerId: id, reason: "" });
    answered.readyAll();
    const played = (t: Table) => ({ state: t.state, log: { scenarioId: scenario.id, options: t.options, actions: t.log }, refused: 0 });
    expect(measureTableGame(scenario, played(unanswered)).unanswered).toBe(1);
    expect(measureTableGame(scenario, played(answered)).unanswered).toBe(0);
  });

  it("plays at the server's pace: a seat that is done proposing still answers an offer made to it later", () => {
    const package_ = [give("israel", "open_crossings", 600), give("hamas", "release_hostages", 10)];
    const quiet: Policy = { name: "quiet", negotiate: () => ({ type: "ready" }), decide: () => emptyDecision() };
    const answerer: Policy = {
      name: "answerer",
      negotiate: ({ state }) => {
        const offer = state.offers.find((o) => o.status === "open" && o.recipients.includes("hamas"));
        return offer ? { type: "reject", offerId: offer.id, reason: "" } : { type: "ready" };
      },
      decide: () => emptyDecision(),
    };
    // Israel proposes on its second turn, after Hamas has said it is done.
    let turns = 0;
    const proposer: Policy = {
      name: "proposer",
      negotiate: ({ state }) => (++turns === 2 && state.round === 1 ? { type: "propose", to: ["hamas"], obligations: package_ } : turns < 2 ? { type: "message", to: "qatar", text: "hello" } : { type: "ready" }),
      decide: () => emptyDecision(),
    };
    const seats = (): Record<PartyId, Policy> => {
      turns = 0;
      return { ...(Object.fromEntries(PARTY_IDS.map((p) => [p, quiet])) as Record<PartyId, Policy>), israel: proposer, hamas: answerer };
    };
    const open = (answersPerWeek: number) => {
      const played = playGame(scenario, { seed: 1, rounds: 6 }, seats(), { answersPerWeek });
      if (!played.ok) throw new Error(played.error.message);
      return { status: played.value.state.offers[0]?.status, unanswered: measureTableGame(scenario, played.value).unanswered };
    };
    expect(open(0)).toEqual({ status: "expired", unanswered: 1 });
    expect(open(ANSWERS_PER_WEEK)).toEqual({ status: "rejected", unanswered: 0 });
  });

  it("calls a package a bundle when some party gives two or more terms", () => {
    const base = { id: 1, round: 1, proposer: "israel" as const, recipients: ["hamas" as const], acceptedBy: [], status: "accepted" as const, counterOf: null, note: "", notes: [], closedBy: null, reason: "" };
    expect(isBundle({ ...base, obligations: [give("israel", "open_crossings", 600), give("hamas", "release_hostages", 10)] })).toBe(false);
    expect(isBundle({ ...base, obligations: [give("israel", "open_crossings", 600), give("israel", "halt_strikes"), give("hamas", "release_hostages", 10)] })).toBe(true);
  });
});

describe("opponents and baselines", () => {
  it("reports each exploit's score minus the normal bot's in every seat, on the same seed", () => {
    const seed = 11;
    const table = playTable(scenario, seed);
    const rows = playExploits(scenario, seed, ["doNothing"]);
    const report = summariseTournament(1, seed, { exploitGames: 1, baselineGames: 0 }, [
      { kind: "table", index: 0, table },
      { kind: "exploit", index: 0, rows },
    ]);
    expect(Object.keys(report.exploits)).toEqual(["doNothing"]);
    for (const seat of PARTY_IDS) {
      const row = rows.find((r) => r.seat === seat)!;
      expect(report.exploits.doNothing![seat]).toBeCloseTo(row.score - table.scores[seat], 3);
      expect(report.exploitStdErr.doNothing![seat]).toBe(0);
    }
    // A full run plays every exploit in every seat on each exploit seed.
    expect(tournamentUnits(10, { exploitGames: 3 }).filter((u) => u.kind === "exploit")).toHaveLength(3);
    expect(EXPLOITS).toEqual(["offerSpam", "acceptThenBreak", "lastWeekBetrayal", "doNothing", "greedyCopy"]);
  }, 60_000);

  it("offer spam sends a new package to every partner in turn, about 175 a week", () => {
    const t = Table.begin({ seed: 2 });
    const spam = offerSpamPolicy(botPolicy({ party: "hamas", persona: "pragmatist", difficulty: "normal", seed: 2 }));
    expect(3 * (spam.movesPerTurn ?? 1)).toBeGreaterThanOrEqual(SPAM_OFFERS_PER_WEEK);
    const sent: string[] = [];
    const partners = new Set<PartyId>();
    for (let i = 0; i < 20; i++) {
      const intent = spam.negotiate({ scenario, state: t.state, party: "hamas", random: new Random(1) });
      expect(intent.type).toBe("propose");
      if (intent.type !== "propose") continue;
      intent.to.forEach((p) => partners.add(p));
      sent.push(JSON.stringify(intent.obligations));
      t.try({ ...intent, by: "hamas" });
    }
    expect(partners.size).toBe(5);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it("baselines take the normal bot's secret decisions rather than abstaining", () => {
    const t = Table.begin({ seed: 4 });
    t.readyAll();
    expect(t.state.stage).toBe("decisions");
    for (const party of ["israel", "hamas", "board_of_peace"] as const) {
      const config = { party, persona: "pragmatist" as const, difficulty: "normal" as const, seed: 4 };
      const baseline = baselinePolicy("boulware", config).decide({ scenario, state: t.state, party, random: new Random(1) });
      const bot = new NegotiatorBot(config).decide(scenario, viewFor(scenario, t.state, party)).decision;
      expect(baseline).toEqual(bot);
    }
    const decisions = PARTY_IDS.map((party) => baselinePolicy("linear", { party, persona: "dealmaker", difficulty: "normal", seed: 4 }).decide({ scenario, state: t.state, party, random: new Random(1) }));
    expect(decisions.some((d) => JSON.stringify(d) !== JSON.stringify(emptyDecision()))).toBe(true);
  });
});

describe("determinism", () => {
  it("gives the same report for the same seed, whatever the order the units come back in", () => {
    const a = playTable(scenario, 21);
    const b = playTable(scenario, 21);
    expect(b).toEqual(a);
    const results: UnitResult[] = [
      { kind: "table", index: 0, table: a },
      { kind: "table", index: 1, table: playTable(scenario, 22) },
    ];
    const options = { exploitGames: 0, baselineGames: 0 };
    expect(summariseTournament(2, 21, options, [...results].reverse())).toEqual(summariseTournament(2, 21, options, results));
  }, 60_000);
});

describe("npm run tournament -- --json", () => {
  it("prints today's fields and the new ones", async () => {
    const { stdout } = await run(process.execPath, ["scripts/tournament.ts", "--games", "1", "--seed", "5", "--baseline-games", "0", "--exploit-games", "0", "--workers", "1", "--json"], { timeout: 120_000 });
    const report = JSON.parse(stdout);
    for (const field of ["games", "seed", "agreementRate", "paretoDistance", "nashDistance", "socialWelfare", "outcomes", "parties", "baselines", "baselineStdErr", "baselineGames", "decisionMs", "refusedActions"])
      expect(report).toHaveProperty(field);
    for (const field of ["unansweredOffers", "likeForLike", "bundleShare", "paretoNull", "exploits", "paretoDistanceP90", "efficiency", "decisionCpuMs"]) expect(report).toHaveProperty(field);
    expect(report.efficiency).toMatchObject({ method: "exhaustive enumeration", termsEachWay: 2 });
    expect(report.games).toBe(1);
    expect(typeof report.paretoNull).toBe("number");
  }, 130_000);

  it("refuses a bad bundle size with a clear error", async () => {
    const failed = await run(process.execPath, ["scripts/tournament.ts", "--bundle-terms", "9"]).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain("--bundle-terms must be 1, 2 or 3");
  });
});
