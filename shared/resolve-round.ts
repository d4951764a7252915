// Resolution of a week, in a fixed order so that replays agree: commitments, moves, the ISF,
// disarmament, the roadmap, the systemic effects of the causal model, the flare-up check, then
// either the next week's event or the end of the game.
import { PARTY_IDS, WEAPON_CATEGORIES, WEAPON_TRACK, DDR_TRACK, type PartyId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Decision, GameState, Term } from "./state.ts";
import { addCause, addNews, addPressure, addTrack, addTrust, appendTo, ownCommitment, ownParty, setTrack } from "./draft-ops.ts";
import * as say from "./wording.ts";
import { applyTerm, deployZones, pledgeTroops, trimZones } from "./term-effects.ts";
import { applyMove, type MoveFlags } from "./move-effects.ts";
import { disarmament, holds, interestValue, isfTroops, roadmapCount, trustIsraelHamas } from "./metrics.ts";
import { MANDATES } from "./ids.ts";
import { partialTrustLoss } from "./reputation.ts";
import { Random } from "./rng.ts";
import { drawEvent } from "./events.ts";
import { finishGame } from "./outcome.ts";
import { emptyDecision } from "./decisions.ts";
import { computeLeverage } from "./leverage.ts";
import { remainsBehind } from "./tension.ts";
import { breachTrustLoss } from "./line-incident.ts";
import { ENFORCE, mandateDeterrence } from "./isf-mandate.ts";
import { escalationCheck, forceLooksPowerless } from "./escalation.ts";
import { aidCapacity, backingThreshold, contributorAttrition, decommissionPace, isfEffectiveness, politicalRoadmap } from "./thesis-levers.ts";

export function crossesRedLine(scenario: Scenario, s: GameState, party: PartyId, term: Term): string | null {
  for (const line of scenario.parties[party].redLines) {
    if (line.term !== term.kind) continue;
    if (line.option !== undefined && line.option !== term.option) continue;
    if (!holds(scenario, s, line.unless)) return line.text;
  }
  return null;
}

/** The terms a secret decision amounts to, so that red lines bind decisions as they bind deals. */
export function decisionTerms(d: Decision): Term[] {
  const terms: Term[] = [];
  if (d.pledge > 0) terms.push({ kind: "pledge_troops", amount: d.pledge });
  if (d.mandate !== null) terms.push({ kind: "set_mandate", option: d.mandate });
  for (const z of d.zones) terms.push({ kind: "deploy_zone", option: z });
  for (const e of d.ddr) terms.push({ kind: "ddr_element", option: e });
  for (const w of WEAPON_CATEGORIES) if (d.decommission[w] > 0) terms.push({ kind: "decommission", option: w });
  return terms;
}

function decisionRedLines(scenario: Scenario, s: GameState, decisions: Record<PartyId, Decision>): void {
  for (const p of PARTY_IDS)
    for (const term of decisionTerms(decisions[p])) {
      // A deployment is judged when the force deploys, after the week's mandate (resolveIsf).
      if (term.kind === "deploy_zone") continue;
      const line = crossesRedLine(scenario, s, p, term);
      if (!line) continue;
      addPressure(s, p, scenario.weights.redLinePressure);
      addNews(s, "commitment", say.domesticCostSentence(scenario, p, line, false), [p]);
    }
}

function resolveCommitments(scenario: Scenario, s: GameState, week: MoveFlags): void {
  const w = scenario.weights;
  for (const due of s.commitments) {
    if (due.status !== "pending" || due.round !== s.round) continue;
    const c = ownCommitment(s, due);
    const decision = s.parties[c.party].decision ?? emptyDecision();
    if (decision.breaks.includes(c.id)) {
      c.status = "broken";
      for (const p of c.counterparties) addTrust(s, p, c.party, -breachTrustLoss(scenario, s, c));
      addTrack(scenario, s, "stability", -w.brokenStability);
      addNews(s, "commitment", say.brokeSentence(scenario, c.party, c.term), [c.party, ...c.counterparties], "broken");
      addCause(s, "broken_commitment", -1, say.brokeSentence(scenario, c.party, c.term), [c.party]);
      continue;
    }
    const redLine = crossesRedLine(scenario, s, c.party, c.term);
    const delivered = applyTerm(scenario, s, c.party, c.term, week);
    c.delivered = delivered;
    const promised = c.term.amount;
    const partial = promised !== undefined && delivered < promised;
    c.status = partial ? "partial" : "honoured";
    for (const p of c.counterparties) addTrust(s, p, c.party, partial ? -partialTrustLoss(scenario) : w.honouredTrust);
    if (redLine) {
      addPressure(s, c.party, w.redLinePressure);
      addNews(s, "commitment", say.domesticCostSentence(scenario, c.party, redLine, true), [c.party]);
    }
    const said = partial ? say.partlyKeptSentence(scenario, c.party, c.term, delivered) : say.keptSentence(scenario, c.party, c.term);
    addNews(s, "commitment", said, [c.party, ...c.counterparties], c.status);
    if (partial && c.term.kind === "return_remains")
      addCause(s, "slow_remains", -1, `The remains of only ${say.forPeople(delivered)} of the ${say.count(promised, "hostage")} promised could be handed over: too few had been located.`, ["hamas"]);
  }
}

function resolveIsf(scenario: Scenario, s: GameState, decisions: Record<PartyId, Decision>): void {
  const w = scenario.weights;
  for (const p of PARTY_IDS) {
    const pledge = decisions[p].pledge;
    if (pledge > 0) {
      const added = pledgeTroops(scenario, s, p, pledge);
      addNews(s, "isf", say.pledgeSentence(scenario, p, pledge, added), [p]);
      if (added < pledge) addCause(s, "contributor_wariness", -1, "Contributors sent fewer troops than pledged: without a roadmap and broad backing they hold back.", [p]);
    }
  }
  const board = decisions.board_of_peace;
  if (board.mandate !== null) {
    setTrack(scenario, s, "isfMandate", MANDATES.indexOf(board.mandate));
    addNews(s, "isf", say.mandateSentence(scenario, board.mandate), ["board_of_peace"]);
  }
  // Contributors stay only as long as the coalition behind the force is broad; an enforce mandate
  // without a roadmap drives them out (peacekeeping is not peace enforcement: arab_wariness).
  const attrition = contributorAttrition(scenario, s);
  const contributors = ["isfTurkiye", "isfQatar", "isfRegional"] as const;
  const before = contributors.reduce((n, k) => n + s.tracks[k], 0);
  if (attrition > 0 && before > 0) {
    for (const key of contributors) setTrack(scenario, s, key, Math.round((s.tracks[key] * (1 - attrition)) / 50) * 50);
    const left = before - contributors.reduce((n, k) => n + s.tracks[k], 0);
    if (left > 0) {
      if (s.tracks.isfMandate === 3 && !politicalRoadmap(s)) {
        addNews(s, "isf", `Contributors withdrew ${left} troops: they will not enforce against Hamas without a political roadmap.`);
        addCause(s, "enforce_without_roadmap", -1, "An enforce mandate without a political horizon drove ISF contributors away.", ["board_of_peace"]);
      } else {
        addNews(s, "isf", `Contributors withdrew ${left} troops: the coalition behind the force is too narrow for them to stay.`);
        addCause(s, "narrow_coalition", -1, `With multilateral backing at ${s.tracks.multilateralBacking}, short of the ${backingThreshold(scenario)} that makes a coalition broad, contributors pulled troops out.`);
      }
    }
  }
  if (board.zones.length > 0) {
    let added = 0;
    for (const zone of board.zones) {
      // Judged as the force enters the zone: with this week's mandate, and only if it does enter.
      const line = crossesRedLine(scenario, s, "board_of_peace", { kind: "deploy_zone", option: zone });
      const entered = deployZones(scenario, s, [zone]);
      added += entered;
      if (entered > 0 && line) {
        addPressure(s, "board_of_peace", w.redLinePressure);
        addNews(s, "commitment", say.domesticCostSentence(scenario, "board_of_peace", line, false), ["board_of_peace"]);
      }
    }
    if (added > 0) addNews(s, "isf", say.zonesDeployedSentence(added), ["board_of_peace"]);
    if (added < board.zones.length) addNews(s, "isf", `Not enough troops to deploy into every zone chosen (${say.forPeople(w.troopsPerZone)} troops per zone).`, ["board_of_peace"]);
  }
  trimZones(scenario, s);
  // A force in the strip mandated to enforce is one Hamas reads as sent to fight it (arab_wariness).
  if (s.tracks.isfMandate >= ENFORCE && s.isfZones.length > 0) addPressure(s, "hamas", scenario.thesis.enforceHamasPressure);
}

function resolveDisarmament(scenario: Scenario, s: GameState, d: Decision, week: MoveFlags): void {
  const w = scenario.weights;
  const total = WEAPON_CATEGORIES.reduce((n, c) => n + d.decommission[c], 0);
  if (total <= 0) return;
  const verified = s.tracks.ddrMonitors >= 1 ? 1 : w.disarmUnverifiedFactor;
  const retrenchFactor = week.retrench ? 0.5 : 1;
  // The armed wing hands weapons over only as far as trust and the coalition's umbrella allow.
  const pace = decommissionPace(scenario, s);
  for (const c of WEAPON_CATEGORIES) addTrack(scenario, s, WEAPON_TRACK[c], d.decommission[c] * verified * retrenchFactor * pace);
  if (pace < 0.75) addCause(s, "disarm_without_trust", -1, `Decommissioning went at ${Math.round(pace * 100)}% of its pace: trust between Israel and Hamas is ${trustIsraelHamas(s)}${s.tracks.multilateralBacking < backingThreshold(scenario) ? " and no broad coalition stands behind the roadmap" : ""}.`, ["hamas"]);
  if (d.decommission.small_arms > 0 && s.tracks.ddrAmnesty < 1) addPressure(s, "hamas", w.redLinePressure);
  // Disarmament without a roadmap strains the armed wing's cohesion (source: ddr_precedents).
  const roadmap = roadmapCount(s);
  if (roadmap < 3) {
    addPressure(s, "hamas", (w.disarmWithoutRoadmapPressure * total) / 25);
    addCause(s, "disarm_without_roadmap", -1, `Hamas decommissioned weapons with only ${say.count(roadmap, "roadmap element")} in place, straining its cohesion.`, ["hamas"]);
  } else {
    addCause(s, "disarm_with_roadmap", 1, `Disarmament advanced with ${roadmap} roadmap elements in place.`, ["hamas"]);
  }
  addNews(s, "disarmament", `Hamas decommissioned weapons${verified < 1 ? ", without independent verification" : " under independent monitors"}.`, ["hamas"]);
}

function resolveRoadmap(scenario: Scenario, s: GameState, decisions: Record<PartyId, Decision>): void {
  for (const p of PARTY_IDS)
    for (const e of decisions[p].ddr) {
      if (setTrack(scenario, s, DDR_TRACK[e], 1) > 0) {
        addNews(s, "disarmament", say.roadmapSentence(scenario, p, e), [p]);
        if (e === "political_horizon") addTrack(scenario, s, "multilateralBacking", 5);
        if (e === "independent_monitors") addTrack(scenario, s, "institutionalGrounding", scenario.weights.groundingPerInstitution / 2);
      }
    }
}

function resolveSystem(scenario: Scenario, s: GameState, week: MoveFlags): void {
  const w = scenario.weights;
  const t = s.tracks;
  // Remains are found slowly unless a recovery mechanism works (source: recovery_teams).
  const outstanding = scenario.tracks.remainsReturned.max - t.remainsReturned - t.remainsLocated;
  const found = Math.min(outstanding, w.remainsFoundBase + (t.recoveryMechanism >= 1 ? w.remainsFoundMechanism : 0));
  if (found > 0) addTrack(scenario, s, "remainsLocated", found);
  // Slow returns give Israel's government a reason to restrict aid (source: aid_limits).
  if (remainsBehind(scenario, s)) {
    addPressure(s, "israel", w.slowRemainsIsraelPressure);
    if (s.round >= 2) addCause(s, "slow_remains", -1, "Hostage remains came back slowly, raising pressure in Israel to restrict aid.", ["hamas", "israel"]);
  }
  // While living hostages are held, families press Israel's government and mediators press Hamas.
  if (t.hostagesReleased < scenario.tracks.hostagesReleased.max) {
    addPressure(s, "israel", w.heldHostagesIsraelPressure);
    addPressure(s, "hamas", w.heldHostagesHamasPressure);
  }
  // Aid is capped by the distribution system (source: aid_hubs, aid_600).
  const capacity = aidCapacity(scenario, s) + week.aidBonus;
  setTrack(scenario, s, "aidTrucks", Math.min(t.aidCrossingLimit + week.aidBonus, capacity));
  if (t.aidTrucks < w.aidTarget / 2) {
    addTrack(scenario, s, "stability", w.lowAidStability);
    for (const p of PARTY_IDS) addPressure(s, p, w.lowAidPressure);
    addCause(s, "low_aid", -1, `Aid stayed at ${say.amountWords("open_crossings", t.aidTrucks)}, under half the ${say.forPeople(w.aidTarget)} target.`);
  } else if (t.aidTrucks >= w.aidTarget) {
    addTrack(scenario, s, "stability", w.goodAidStability);
    addCause(s, "aid_target", 1, `Aid reached ${say.amountWords("open_crossings", t.aidTrucks)}, meeting the target.`);
  }
  addNews(s, "aid", `Aid this week: ${say.amountWords("open_crossings", t.aidTrucks)} (target ${say.forPeople(w.aidTarget)}).`);
  // A roadmap and institutions steady the ceasefire; broad backing keeps attention on it.
  addTrack(scenario, s, "stability", roadmapCount(s) * w.stabilityDriftPerRoadmap + (t.institutionalGrounding - 30) / 20);
  // The outside world's attention drifts, and backing with it, unless the table keeps earning it.
  addTrack(scenario, s, "multilateralBacking", -scenario.thesis.backingDrift);
  // Trust recovers slowly toward the middle.
  for (const a of PARTY_IDS) for (const b of PARTY_IDS) if (a !== b && s.trust[a][b] < 50) addTrust(s, a, b, w.trustRecovery);
  for (const p of PARTY_IDS) addPressure(s, p, -w.pressureRelief);
}

function flareUpCheck(scenario: Scenario, s: GameState, week: MoveFlags, decisions: Record<PartyId, Decision>): void {
  const w = scenario.weights;
  const t = s.tracks;
  let chance = w.flareBase;
  chance += w.flareLineFriction * (t.israeliControl / 50);
  chance += w.flareEntrenchment * t.housingProjects;
  if (trustIsraelHamas(s) < 20) chance += w.flareLowTrust;
  if (s.parties.hamas.pressure >= 70) chance += w.flareLowCohesion;
  if (week.spoilers) chance += w.flareSpoilers;
  if (week.factionsRestrained) chance -= 0.15;
  if (week.strikesHalted) chance -= 0.1;
  if (week.strikes !== "none") chance += 0.1;
  if (decisions.israel.moves.includes("israel_restrict_aid")) chance += w.flareAidRestricted;
  // A force deters in proportion to the backing and institutions behind it (peacekeeping_limits).
  chance -= w.flareIsfPerZone * s.isfZones.length * mandateDeterrence(scenario, s) * isfEffectiveness(scenario, s);
  chance -= w.flareDisarmament * (disarmament(s) / 100);
  chance = Math.min(w.flareMax, Math.max(w.flareMin, chance));
  const random = new Random(s.rng);
  const roll = random.next();
  s.rng = random.state;
  if (roll >= chance) return;
  addTrack(scenario, s, "flareUps", 1);
  addTrack(scenario, s, "stability", -w.flareStability);
  addTrust(s, "israel", "hamas", -5);
  addTrust(s, "hamas", "israel", -5);
  addPressure(s, "israel", 6);
  addNews(s, "flare_up", "Fire was exchanged at the withdrawal line; both sides accuse the other of violating the ceasefire.", ["israel", "hamas"]);
  addCause(s, "flare_up", -1, `A flare-up at the line (chance ${Math.round(chance * 100)}%) shook the ceasefire.`);
  forceLooksPowerless(scenario, s);
  escalationCheck(scenario, s, {
    israel: week.strikesHalted || decisions.israel.moves.includes("israel_restraint"),
    hamas: week.factionsRestrained || decisions.hamas.moves.includes("hamas_comply"),
  });
}

function openPhases(scenario: Scenario, s: GameState): void {
  if (s.phase === 1 && holds(scenario, s, scenario.phases.two)) {
    s.phase = 2;
    addNews(s, "phase", "Phase Two opens: stabilisation, the ISF and disarmament are now on the table.");
    addCause(s, "phase_two", 1, "The first exchanges were largely completed, opening Phase Two.");
  }
  if (s.phase === 2 && holds(scenario, s, scenario.phases.three)) {
    s.phase = 3;
    addNews(s, "phase", "Phase Three opens: with an ISF on the ground, governance and a political horizon are on the table.");
    addCause(s, "phase_three", 1, "An ISF stood in Gaza, opening Phase Three.");
  }
}

export function resolveRound(scenario: Scenario, s: GameState): void {
  const decisions = {} as Record<PartyId, Decision>;
  for (const p of PARTY_IDS) decisions[p] = s.parties[p].decision ?? emptyDecision();
  const flareBefore = s.tracks.flareUps;
  const interestsBefore = PARTY_IDS.map((p) => interestValue(scenario, s, p));
  const week: MoveFlags = { strikesHalted: false, factionsRestrained: false, aidBonus: 0, spoilers: false, retrench: false, strikes: "none" };

  resolveCommitments(scenario, s, week);
  decisionRedLines(scenario, s, decisions);
  for (const p of PARTY_IDS) for (const m of decisions[p].moves) applyMove(scenario, s, m, week);
  resolveIsf(scenario, s, decisions);
  resolveDisarmament(scenario, s, decisions.hamas, week);
  resolveRoadmap(scenario, s, decisions);
  resolveSystem(scenario, s, week);
  flareUpCheck(scenario, s, week, decisions);
  openPhases(scenario, s);
  // Home constituencies react to what the week delivered for them.
  PARTY_IDS.forEach((p, i) => addPressure(s, p, -(interestValue(scenario, s, p) - (interestsBefore[i] ?? 0))));
  for (const p of PARTY_IDS) ownParty(s, p).leverage = computeLeverage(s, p);

  const thisRound = s.offers.filter((o) => o.round === s.round);
  const due = s.commitments.filter((c) => c.round === s.round);
  appendTo(s, "history", {
    round: s.round,
    tracks: { ...s.tracks },
    trustIsraelHamas: trustIsraelHamas(s),
    flareUp: s.tracks.flareUps > flareBefore,
    eventIds: [...s.roundEvents],
    offersMade: thisRound.length,
    offersAccepted: thisRound.filter((o) => o.status === "accepted").length,
    honoured: due.filter((c) => c.status === "honoured" || c.status === "partial").length,
    broken: due.filter((c) => c.status === "broken").length,
    defaulted: PARTY_IDS.filter((p) => s.parties[p].defaulted),
  });

  // A fresh array: earlier states share the old one.
  for (const p of PARTY_IDS) {
    const party = ownParty(s, p);
    party.pressureByWeek = [...party.pressureByWeek, party.pressure];
  }

  if (s.tracks.stability <= 0 || s.round >= s.config.rounds) {
    finishGame(scenario, s);
    return;
  }
  startRound(scenario, s);
}

/** Opens the next week: the event card, then negotiation. */
export function startRound(scenario: Scenario, s: GameState): void {
  s.round += 1;
  s.stage = "negotiation";
  s.roundEvents = [];
  for (const p of PARTY_IDS) {
    const party = ownParty(s, p);
    party.ready = false;
    party.decision = null;
    party.defaulted = false;
    party.draft = null;
  }
  drawEvent(scenario, s);
  // An event can itself break the ceasefire.
  if (s.tracks.stability <= 0) finishGame(scenario, s);
}
