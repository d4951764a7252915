// What happens when a commitment is honoured. Each effect is the causal model's reading of a
// sourced fact (see the term's `source` in the scenario). Returns the amount actually delivered.
import { DDR_TRACK, MANDATES, WEAPON_TRACK, type DdrElement, type Mandate, type PartyId, type WeaponCategory, type ZoneId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState, Term } from "./state.ts";
import { addPressure, addTrack, addTrust, appendTo, ownShared, pressParty, setTrack } from "./draft-ops.ts";
import { PLEDGE_TRACK } from "./decisions.ts";
import { isfTroops } from "./metrics.ts";
import { remainsBehind } from "./tension.ts";
import { incidentThisWeek } from "./line-incident.ts";
import { blocWillJoin, contributorWillingness, decommissionPace, handoverFloor } from "./thesis-levers.ts";

/** Per-round flags that honoured terms set and the flare-up check reads. */
export interface WeekFlags {
  strikesHalted: boolean;
  factionsRestrained: boolean;
  aidBonus: number;
}

const COALITION_TRACK = { arab_states: "coalitionArab", europe: "coalitionEurope", un: "coalitionUn" } as const;

export function applyTerm(scenario: Scenario, s: GameState, party: PartyId, term: Term, week: WeekFlags): number {
  const w = scenario.weights;
  const amount = term.amount ?? 0;
  switch (term.kind) {
    case "withdraw": {
      // Territory is handed over only as the ISF takes it (plan points 15–16); the rest of the promise waits.
      const room = Math.max(0, s.tracks.israeliControl - handoverFloor(scenario, s));
      // `0 -`, not unary minus: nothing handed over is 0, not -0 (the state stays equal to its JSON).
      return 0 - addTrack(scenario, s, "israeliControl", -Math.min(amount, room));
    }
    case "open_crossings":
      if (s.tracks.aidCrossingLimit < amount) setTrack(scenario, s, "aidCrossingLimit", amount);
      // Keeping aid flowing while remains are held back costs the government at home: the pull that
      // made Israel limit aid against the deal's terms (aid_limits).
      if (party === "israel" && remainsBehind(scenario, s)) addPressure(s, "israel", w.aidWhileRemainsHeldPressure);
      return amount;
    case "release_hostages":
      return addTrack(scenario, s, "hostagesReleased", amount);
    case "return_remains": {
      // Only remains already located can be handed over: the recovery problem of the sources.
      const handed = Math.min(amount, s.tracks.remainsLocated);
      addTrack(scenario, s, "remainsLocated", -handed);
      addTrack(scenario, s, "remainsReturned", handed);
      addTrack(scenario, s, "palestinianRemainsReturned", handed * w.palestinianRemainsPerIsraeli);
      return handed;
    }
    case "release_detainees":
      return addTrack(scenario, s, "detaineesReleased", amount);
    case "halt_strikes":
      week.strikesHalted = true;
      // Holding fire after troops at the line were attacked is what the government is pressed at
      // home not to do (rafah_attack): keeping the promise this week has that price.
      if (incidentThisWeek(s)) addPressure(s, party, w.incidentRestraintPressure);
      return 1;
    case "restrain_factions":
      week.factionsRestrained = true;
      return 1;
    case "decommission": {
      const category = term.option as WeaponCategory;
      const verified = s.tracks.ddrMonitors >= 1 ? 1 : w.disarmUnverifiedFactor;
      return addTrack(scenario, s, WEAPON_TRACK[category], w.decommissionStep * verified * decommissionPace(scenario, s));
    }
    case "ddr_element":
      return setTrack(scenario, s, DDR_TRACK[term.option as DdrElement], 1) > 0 ? 1 : 0;
    case "pledge_troops":
      return pledgeTroops(scenario, s, party, amount);
    case "set_mandate":
      setTrack(scenario, s, "isfMandate", MANDATES.indexOf(term.option as Mandate));
      return 1;
    case "deploy_zone":
      return deployZones(scenario, s, [term.option as ZoneId]);
    case "security_guarantee":
      setTrack(scenario, s, "qatarGuarantee", 1);
      addTrust(s, "qatar", "mediators", 10);
      return 1;
    case "arms_sale":
      setTrack(scenario, s, "turkiyeJetSale", 1);
      addTrust(s, "turkiye", "mediators", 10);
      addPressure(s, "israel", 4);
      return 1;
    case "board_seat":
      addTrack(scenario, s, "multilateralBacking", 2);
      return addTrack(scenario, s, "boardMembers", 1);
    case "fund_reconstruction":
      addTrack(scenario, s, "institutionalGrounding", amount / 2);
      return addTrack(scenario, s, "reconstructionFunds", amount);
    case "recovery_mechanism":
      if (s.tracks.recoveryMechanism < 1) addTrack(scenario, s, "institutionalGrounding", w.groundingPerInstitution);
      return setTrack(scenario, s, "recoveryMechanism", 1) > 0 ? 1 : 0;
    case "build_hubs":
      if (s.tracks.aidSystem < 1) {
        setTrack(scenario, s, "aidSystem", 1);
        addTrack(scenario, s, "institutionalGrounding", w.groundingPerInstitution / 2);
      }
      return 1;
    case "admit_agencies":
      if (s.tracks.aidSystem < 2) {
        setTrack(scenario, s, "aidSystem", 2);
        addTrack(scenario, s, "institutionalGrounding", w.groundingPerInstitution);
      }
      return 1;
    case "form_committee":
      if (s.tracks.committeeFormed < 1) addTrack(scenario, s, "institutionalGrounding", w.groundingPerInstitution);
      return setTrack(scenario, s, "committeeFormed", 1) > 0 ? 1 : 0;
    case "pa_reform":
      return addTrack(scenario, s, "paReform", w.paReformStep);
    case "press_party": {
      const target = term.option as PartyId;
      pressParty(s, target, 8);
      addTrust(s, target, party, -4);
      return 1;
    }
    case "host_talks":
      addTrack(scenario, s, "multilateralBacking", 1);
      addTrack(scenario, s, "stability", 2);
      return 1;
    case "broaden_coalition": {
      // A bloc joins only when its own condition holds (Europe a political track, the UN a force it can
      // endorse or institutions to work through); otherwise it voices support and stays out.
      const bloc = term.option as keyof typeof COALITION_TRACK;
      const key = COALITION_TRACK[bloc];
      const joined = s.tracks[key] < 1 && blocWillJoin(scenario, s, bloc) && setTrack(scenario, s, key, 1) > 0;
      addTrack(scenario, s, "multilateralBacking", joined ? scenario.thesis.blocBacking : scenario.thesis.blocVoice);
      return joined ? 1 : 0;
    }
    case "halt_housing":
      setTrack(scenario, s, "housingProjects", 0);
      return 1;
  }
}

export { contributorWillingness };

export function pledgeTroops(scenario: Scenario, s: GameState, party: PartyId, amount: number): number {
  const key = PLEDGE_TRACK[party as keyof typeof PLEDGE_TRACK];
  if (!key) return 0;
  const effective = Math.round((amount * contributorWillingness(scenario, s, party)) / 50) * 50;
  return addTrack(scenario, s, key, effective);
}

/** Deploys into zones while there are troops for them; returns how many zones were added. */
export function deployZones(scenario: Scenario, s: GameState, zones: ZoneId[]): number {
  let added = 0;
  for (const z of zones) {
    if (s.isfZones.includes(z)) continue;
    if ((s.isfZones.length + 1) * scenario.weights.troopsPerZone > isfTroops(s)) break;
    appendTo(s, "isfZones", z);
    added++;
  }
  return added;
}

/** Zones the force can no longer hold are handed back, most recent first. */
export function trimZones(scenario: Scenario, s: GameState): void {
  if (s.isfZones.length * scenario.weights.troopsPerZone <= isfTroops(s)) return;
  // The list may be the one the state before holds: the draft's own copy is shortened.
  const zones = ownShared(s, "isfZones");
  while (zones.length * scenario.weights.troopsPerZone > isfTroops(s)) zones.pop();
}
