// Bots search small bundles (up to two terms each way) as well as one-for-one exchanges, never a
// term for the same term, and choose a bundle when it serves both sides better than any single swap.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, defaultScenario, likeForLike, playGame, type Obligation, type PartyId, type Policy, type TermKind } from "../../shared/index.ts";
import { BUNDLE_LIMITS, botPolicy, bundleSpace, tablePersonas, type ObligationValue } from "../../shared/bots/index.ts";

const ob = (party: PartyId, kind: TermKind, option?: string): Obligation => ({ party, term: option === undefined ? { kind } : { kind, option } });
const row = (o: Obligation, value: number): ObligationValue => ({ ob: o, value });

// Israel's view and (its estimate of) Hamas's: each side has two things cheap to give and dear to the other.
const israelGives = [ob("israel", "halt_strikes"), ob("israel", "open_crossings"), ob("israel", "release_detainees")];
const hamasGives = [ob("hamas", "restrain_factions"), ob("hamas", "release_hostages"), ob("hamas", "return_remains")];
const forIsrael = new Map<PartyId, ObligationValue[]>([
  ["israel", [row(israelGives[0]!, -1), row(israelGives[1]!, -1), row(israelGives[2]!, -6)]],
  ["hamas", [row(hamasGives[0]!, 4), row(hamasGives[1]!, 4), row(hamasGives[2]!, 1)]],
]);
const forHamas = new Map<PartyId, ObligationValue[]>([
  ["israel", [row(israelGives[0]!, 4), row(israelGives[1]!, 4), row(israelGives[2]!, 5)]],
  ["hamas", [row(hamasGives[0]!, -1), row(hamasGives[1]!, -1), row(hamasGives[2]!, -3)]],
]);

describe("bundle search", () => {
  const space = bundleSpace("israel", "hamas", forIsrael, forHamas);

  it("holds every one-for-one exchange and bundles of at most two terms each way", () => {
    for (const g of israelGives) for (const w of hamasGives) expect(space.some((p) => p.give.length === 1 && p.want.length === 1 && p.give[0] === g && p.want[0] === w)).toBe(true);
    expect(space.some((p) => p.give.length === 2 && p.want.length === 2)).toBe(true);
    for (const p of space) {
      expect(p.give.length).toBeLessThanOrEqual(BUNDLE_LIMITS.maxEach);
      expect(p.want.length).toBeLessThanOrEqual(BUNDLE_LIMITS.maxEach);
    }
  });

  it("values a bundle as the sum of its terms, for each side", () => {
    const p = space.find((x) => x.give.length === 2 && x.want.length === 2 && x.give.includes(israelGives[0]!) && x.give.includes(israelGives[1]!) && x.want.includes(hamasGives[0]!) && x.want.includes(hamasGives[1]!))!;
    expect(p).toBeDefined();
    expect(p.a).toBe(-1 - 1 + 4 + 4);
    expect(p.b).toBe(4 + 4 - 1 - 1);
  });

  it("finds a bundle that beats every one-for-one exchange for both sides", () => {
    const singles = space.filter((p) => p.give.length === 1 && p.want.length === 1);
    const bestSingleA = Math.max(...singles.map((p) => p.a));
    const bestSingleB = Math.max(...singles.map((p) => p.b));
    expect(space.some((p) => p.a > bestSingleA && p.b > bestSingleB)).toBe(true);
  });

  it("never trades a term for the same term", () => {
    const mirror = (party: PartyId): ObligationValue[] => [row(ob(party, "broaden_coalition", "europe"), 2), row(ob(party, "fund_reconstruction"), 2)];
    const values = new Map<PartyId, ObligationValue[]>([["turkiye", mirror("turkiye")], ["board_of_peace", mirror("board_of_peace")]]);
    const mirrored = bundleSpace("turkiye", "board_of_peace", values, values);
    expect(mirrored.length).toBeGreaterThan(0);
    for (const p of mirrored) expect(likeForLike("turkiye", [...p.give, ...p.want])).toBeNull();
    expect(mirrored.some((p) => p.give.length === 2 || p.want.length === 2)).toBe(false);
  });
});

describe("bundles at the table", () => {
  it("normal bots put bundles to each other and agree some, never like for like", () => {
    const scenario = defaultScenario();
    let bundlesAgreed = 0;
    for (const seed of [1, 2, 3]) {
      const personas = tablePersonas(seed);
      const policies = Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed })])) as Record<PartyId, Policy>;
      const played = playGame(scenario, { seed }, policies);
      if (!played.ok) throw new Error("game failed");
      for (const o of played.value.state.offers) {
        expect(likeForLike(o.proposer, o.obligations)).toBeNull();
        const gives = o.obligations.filter((x) => x.party === o.proposer).length;
        if (o.status === "accepted" && o.recipients.length === 1 && (gives >= 2 || o.obligations.length - gives >= 2)) bundlesAgreed++;
      }
    }
    expect(bundlesAgreed).toBeGreaterThan(0);
  }, 60_000);
});
