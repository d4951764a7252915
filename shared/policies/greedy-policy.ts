// One-step greedy play: every choice is the one that most raises the party's utility estimate
// right now (utility.ts), with offers built one give for one want from the catalogue. Parties
// judge others' interest from public information only.
import { PARTY_IDS, WEAPON_CATEGORIES, WEAPON_TRACK, DDR_TRACK, type MoveId, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Decision, GameState, Obligation } from "../state.ts";
import { checkDecision, decisionOptions, emptyDecision, PLEDGE_TRACK } from "../decisions.ts";
import { acceptBlocker, offersAwaiting } from "../legal.ts";
import { addPressure, addTrack, addTrust, setTrack } from "../draft-ops.ts";
import { applyTerm } from "../term-effects.ts";
import { contributorAttrition, contributorWillingness, decommissionPace, isfEffectiveness } from "../thesis-levers.ts";
import { mandateDeterrence } from "../isf-mandate.ts";
import { trimZones } from "../term-effects.ts";
import { MANDATES, type Mandate } from "../ids.ts";
import { applyMove } from "../move-effects.ts";
import type { PartyIntentInput } from "../actions.ts";
import type { Policy, PolicyContext } from "./policy.ts";
import { candidateTerms } from "./offer-candidates.ts";
import { NEUTRAL_WEIGHTS, utility, type UtilityWeights } from "./utility.ts";
import { evalDecision, redLineCost, termDelta } from "./what-if.ts";
import { likeForLike } from "../term-limits.ts";
import { breachTrustLoss } from "../line-incident.ts";

interface Valued {
  ob: Obligation;
  mine: number;
  theirs: number;
}

function bestPackage(scenario: Scenario, s: GameState, party: PartyId): { to: PartyId[]; obligations: Obligation[] } | null {
  const base = utility(scenario, s, party, true);
  const bases = Object.fromEntries(PARTY_IDS.map((p) => [p, utility(scenario, s, p, false)])) as Record<PartyId, number>;
  const byParty = new Map<PartyId, Valued[]>();
  for (const q of PARTY_IDS) {
    const rows: Valued[] = [];
    for (const term of candidateTerms(scenario, s, q, party)) {
      const mine = termDelta(scenario, s, party, q, term, true, base);
      rows.push({ ob: { party: q, term }, mine, theirs: 0 });
    }
    byParty.set(q, rows);
  }
  const theirView = (viewer: PartyId, v: Valued) => termDelta(scenario, s, viewer, v.ob.party, v.ob.term, false, bases[viewer]);
  const top = (rows: Valued[], n: number) => [...rows].sort((a, b) => b.mine - a.mine).slice(0, n);
  const tried = new Set(s.offers.filter((o) => o.round === s.round && o.proposer === party).map((o) => JSON.stringify(o.obligations)));

  let best: { to: PartyId[]; obligations: Obligation[]; gain: number } | null = null;
  const consider = (to: PartyId[], obligations: Obligation[], gain: number) => {
    if (gain <= 0.5 || tried.has(JSON.stringify(obligations)) || likeForLike(party, obligations) !== null) return;
    if (!best || gain > best.gain) best = { to, obligations, gain };
  };
  if (party === "mediators") {
    // Broker: one term from each of two other parties that each of them should welcome.
    const others = PARTY_IDS.filter((p) => p !== party);
    for (const a of others)
      for (const b of others) {
        if (a >= b) continue;
        for (const x of top(byParty.get(a) ?? [], 3))
          for (const y of top(byParty.get(b) ?? [], 3)) {
            if (theirView(a, x) + theirView(a, y) <= 0 || theirView(b, x) + theirView(b, y) <= 0) continue;
            consider([a, b], [x.ob, y.ob], x.mine + y.mine);
          }
      }
  }
  const gives = [...(byParty.get(party) ?? [])].sort((a, b) => b.mine - a.mine).slice(0, 5);
  for (const q of PARTY_IDS) {
    if (q === party) continue;
    for (const want of top(byParty.get(q) ?? [], 3))
      for (const give of gives) {
        const gain = want.mine + give.mine;
        if (gain <= 0.5) continue;
        if (theirView(q, want) + theirView(q, give) <= 0) continue;
        consider([q], [give.ob, want.ob], gain);
      }
  }
  return best;
}

function packageValue(scenario: Scenario, s: GameState, party: PartyId, obligations: Obligation[]): number {
  const base = utility(scenario, s, party, true);
  return obligations.reduce((n, o) => n + termDelta(scenario, s, party, o.party, o.term, true, base), 0);
}

export const greedyPolicy: Policy = {
  name: "greedy",
  negotiate({ scenario, state, party }: PolicyContext): PartyIntentInput {
    const awaiting = offersAwaiting(state, party);
    const offer = awaiting[0];
    if (offer && acceptBlocker(scenario, state, party, offer))
      return { type: "reject", offerId: offer.id, reason: "we have already promised what this asks of us" };
    if (offer) {
      const mine = offer.obligations;
      return packageValue(scenario, state, party, mine) >= -0.5
        ? { type: "accept", offerId: offer.id }
        : { type: "reject", offerId: offer.id, reason: "this package costs us more than it gives" };
    }
    const madeThisRound = state.offers.filter((o) => o.round === state.round && o.proposer === party).length;
    if (madeThisRound < 1) {
      const pkg = bestPackage(scenario, state, party);
      if (pkg) return { type: "propose", to: pkg.to, obligations: pkg.obligations };
    }
    return { type: "ready" };
  },

  decide({ scenario, state, party }: PolicyContext): Decision {
    return greedyDecision(scenario, state, party);
  },
};

/**
 * The mandate worth most to the party now, or null to leave it as it is. Each mandate is valued by
 * what it does at once (its red-line cost at home, contributors who leave a force told to enforce
 * without a roadmap, zones it can then no longer hold) and by the flare-ups its deterrence is
 * expected to prevent over the weeks left (isf-mandate.ts), valued as the stability they would cost.
 */
export function chooseMandate(scenario: Scenario, state: GameState, party: PartyId, weights: UtilityWeights = NEUTRAL_WEIGHTS): Exclude<Mandate, "none"> | null {
  const weeksLeft = Math.max(1, state.config.rounds - state.round + 1);
  const value = (m: Mandate) =>
    evalDecision(scenario, state, party, (t) => {
      addPressure(t, party, redLineCost(scenario, state, party, { kind: "set_mandate", option: m }));
      const deterredBefore = mandateDeterrence(scenario, t);
      setTrack(scenario, t, "isfMandate", MANDATES.indexOf(m));
      const attrition = contributorAttrition(scenario, t);
      for (const key of ["isfTurkiye", "isfQatar", "isfRegional"] as const) setTrack(scenario, t, key, t.tracks[key] * (1 - attrition));
      trimZones(scenario, t);
      const fewerFlares = weeksLeft * scenario.weights.flareIsfPerZone * t.isfZones.length * isfEffectiveness(scenario, t) * (mandateDeterrence(scenario, t) - deterredBefore);
      addTrack(scenario, t, "stability", fewerFlares * scenario.weights.flareStability);
    }, weights);
  const current = MANDATES[state.tracks.isfMandate] ?? "none";
  let best: Exclude<Mandate, "none"> | null = null;
  // A force with no mandate yet gets the best one; a standing mandate changes only for a clear gain.
  let bestValue = current === "none" ? -Infinity : value(current) + 0.25;
  for (const m of MANDATES) {
    if (m === "none" || m === current) continue;
    const v = value(m);
    if (v > bestValue) {
      best = m;
      bestValue = v;
    }
  }
  return best;
}

/** The decision that most raises the party's utility estimate, one choice at a time. */
/** `breaks`, when given, fixes which commitments are broken (a caller that judges them itself). */
export function greedyDecision(
  scenario: Scenario,
  state: GameState,
  party: PartyId,
  weights: UtilityWeights = NEUTRAL_WEIGHTS,
  breaks?: readonly number[],
): Decision {
  const w = scenario.weights;
  const options = decisionOptions(scenario, state, party);
  const d = emptyDecision();
  if (breaks) d.breaks = options.commitments.filter((c) => breaks.includes(c.id)).map((c) => c.id);
  // Otherwise reciprocal: a package is kept or dropped as a whole, assuming the others do the same.
  if (!breaks) for (const c of options.commitments) {
    const pkg = state.commitments.filter((x) => x.offerId === c.offerId && x.round === state.round);
    const keep = evalDecision(scenario, state, party, (t, week) => {
      for (const x of pkg) {
        addPressure(t, x.party, redLineCost(scenario, state, x.party, x.term));
        applyTerm(scenario, t, x.party, x.term, week);
      }
    }, weights);
    const broken = evalDecision(scenario, state, party, (t) => {
      for (const q of c.counterparties) addTrust(t, q, party, -breachTrustLoss(scenario, t, c));
      addTrack(scenario, t, "stability", -w.brokenStability);
    }, weights);
    if (broken > keep) d.breaks.push(c.id);
  }
  // A move that contradicts a commitment is open only once that commitment is broken.
  const conflicted = (m: MoveId) => options.conflicts[m] !== undefined && (d.breaks.length === 0 || checkDecision(scenario, state, party, { ...emptyDecision(), breaks: d.breaks, moves: [m] }) !== null);
  const groups = new Map<string, MoveId[]>();
  for (const m of options.moves) if (!conflicted(m)) groups.set(scenario.moves[m].group, [...(groups.get(scenario.moves[m].group) ?? []), m]);
  for (const moves of groups.values()) {
    let best: MoveId | null = null;
    let bestValue = evalDecision(scenario, state, party, () => {}, weights);
    for (const m of moves) {
      const v = evalDecision(scenario, state, party, (t, week) => applyMove(scenario, t, m, week), weights);
      if (v > bestValue + 0.25) {
        best = m;
        bestValue = v;
      }
    }
    if (best) d.moves.push(best);
  }
  if (options.canPledge) {
    const key = PLEDGE_TRACK[party as keyof typeof PLEDGE_TRACK];
    const pledged = evalDecision(scenario, state, party, (t) => addTrack(scenario, t, key, 1000 * contributorWillingness(scenario, state, party)), weights);
    if (pledged > evalDecision(scenario, state, party, () => {}, weights) + 0.25) d.pledge = 1000;
  }
  if (options.canSetMandate) d.mandate = chooseMandate(scenario, state, party, weights);
  if (options.zones.length > 0) d.zones = options.zones.slice(0, 2);
  if (options.canDecommission) {
    const none = evalDecision(scenario, state, party, () => {}, weights);
    for (const cat of WEAPON_CATEGORIES) {
      const step = 10;
      const v = evalDecision(scenario, state, party, (t) => {
        addTrack(scenario, t, WEAPON_TRACK[cat], step * decommissionPace(scenario, state));
        if (cat === "small_arms" && t.tracks.ddrAmnesty < 1) addPressure(t, "hamas", w.redLinePressure);
        if ((["ddrAmnesty", "ddrBuyBack", "ddrReintegration", "ddrMonitors", "ddrGuarantees", "ddrPoliticalHorizon"] as const).filter((k) => t.tracks[k] >= 1).length < 3)
          addPressure(t, "hamas", (w.disarmWithoutRoadmapPressure * step) / 25);
      }, weights);
      if (v > none + 0.25) d.decommission[cat] = step;
    }
  }
  const none = evalDecision(scenario, state, party, () => {}, weights);
  d.ddr = options.ddr.filter((e) => evalDecision(scenario, state, party, (t) => setTrack(scenario, t, DDR_TRACK[e], 1), weights) > none + 0.25);
  return d;
}
