// Unilateral moves of the secret decisions. Each move's `source` in the scenario names the fact
// it models; the magnitudes are the game's tuning.
import type { MoveId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { addCause, addPressure, addTrack, addTrust, pressParty, setTrack } from "./draft-ops.ts";
import type { WeekFlags } from "./term-effects.ts";
import { flareLastWeek, remainsBehind } from "./tension.ts";
import { incidentThisWeek } from "./line-incident.ts";

export interface MoveFlags extends WeekFlags {
  spoilers: boolean;
  retrench: boolean;
  strikes: "none" | "limited" | "heavy";
}

export function applyMove(scenario: Scenario, s: GameState, move: MoveId, week: MoveFlags): void {
  switch (move) {
    case "israel_restraint":
      addTrack(scenario, s, "stability", 2);
      addTrust(s, "hamas", "israel", 2);
      return;
    case "israel_limited_strike":
      week.strikes = "limited";
      addTrack(scenario, s, "stability", -6);
      addTrust(s, "hamas", "israel", -6);
      // After an attack at the line (last week's fire, or this week's incident: answered in the south for a while) the coalition demands an answer (rafah_attack); otherwise little is gained at home.
      addPressure(s, "israel", flareLastWeek(s) || incidentThisWeek(s) ? -7 : -2);
      addTrack(scenario, s, "multilateralBacking", -2);
      addCause(s, "strikes", -1, "Israel carried out a limited strike.", ["israel"]);
      return;
    case "israel_heavy_strikes":
      week.strikes = "heavy";
      addTrack(scenario, s, "stability", -18);
      addTrust(s, "hamas", "israel", -15);
      for (const p of ["qatar", "turkiye", "mediators", "board_of_peace"] as const) addTrust(s, p, "israel", -5);
      addPressure(s, "israel", flareLastWeek(s) ? -15 : -2);
      addPressure(s, "hamas", 6);
      addTrack(scenario, s, "multilateralBacking", -6);
      addCause(s, "strikes", -1, "Israel resumed heavy strikes.", ["israel"]);
      return;
    case "israel_restrict_aid": {
      // Slow returns of remains make aid the lever the coalition reaches for (aid_limits, 14 October).
      const behind = remainsBehind(scenario, s);
      addTrack(scenario, s, "aidCrossingLimit", -150);
      addPressure(s, "israel", behind ? -6 : -1);
      if (behind) pressParty(s, "hamas", 4);
      addTrack(scenario, s, "stability", -3);
      addTrust(s, "hamas", "israel", -5);
      addCause(s, behind ? "aid_restricted_slow_remains" : "aid_restricted", -1, behind ? "Israel restricted the trucks allowed through the crossings while hostage remains came back slowly." : "Israel restricted the trucks allowed through the crossings.", ["israel"]);
      return;
    }
    case "israel_entrench":
      // The first step behind the line pleases the coalition; holding it adds only friction.
      // It pleases a coalition under strain; a secure government gains little from it.
      if (s.tracks.housingProjects < 1) addPressure(s, "israel", -Math.min(6, Math.max(0, (s.parties.israel.pressure - 35) * 0.2)));
      setTrack(scenario, s, "housingProjects", 1);
      addTrack(scenario, s, "stability", -2);
      addTrack(scenario, s, "multilateralBacking", -4);
      addCause(s, "entrenchment", -1, "Israel entrenched at the line and began housing projects behind it.", ["israel"]);
      return;
    case "hamas_comply":
      addTrack(scenario, s, "stability", 2);
      addPressure(s, "hamas", 3);
      addTrust(s, "israel", "hamas", 2);
      return;
    case "hamas_retrench":
      week.retrench = true;
      // Consolidation steadies an armed wing only as far as it is strained beyond what it tolerates:
      // a movement at ease gains nothing at home by digging in (retrenchment).
      addPressure(s, "hamas", -scenario.weights.retrenchRelief * Math.max(0, s.parties.hamas.pressure - scenario.weights.retrenchTolerance));
      addTrust(s, "israel", "hamas", -5);
      addTrack(scenario, s, "stability", -2);
      addCause(s, "retrenchment", -1, "Hamas retrenched, consolidating control over the areas it holds.", ["hamas"]);
      return;
    case "hamas_spoilers":
      week.spoilers = true;
      // Letting hardliners loose eases a wing strained beyond what it tolerates, and only that far.
      addPressure(s, "hamas", -scenario.weights.spoilersRelief * Math.max(0, s.parties.hamas.pressure - scenario.weights.retrenchTolerance));
      addTrust(s, "israel", "hamas", -10);
      addCause(s, "spoilers", -1, "Hamas let armed groups act at the line.", ["hamas"]);
      return;
    case "mediators_press_israel":
      pressParty(s, "israel", 8);
      addTrust(s, "israel", "mediators", -4);
      return;
    case "mediators_press_hamas":
      pressParty(s, "hamas", 8);
      addTrust(s, "hamas", "mediators", -4);
      return;
    case "mediators_mission_creep":
      addTrack(scenario, s, "isfUs", 1000);
      addPressure(s, "mediators", 5);
      // The temptation: troops on the ground hold a wobbling deal together this week.
      if (s.tracks.stability < 45) addTrack(scenario, s, "stability", 4);
      addCause(s, "mission_creep", 1, "US troops moved from the coordination centre into Gaza.", ["mediators"]);
      return;
    case "mediators_claim_credit":
      addPressure(s, "mediators", -5);
      addTrack(scenario, s, "stability", -3);
      addTrack(scenario, s, "institutionalGrounding", -4);
      addCause(s, "attention", -1, "The Mediators declared success and turned their attention elsewhere.", ["mediators"]);
      return;
    case "qatar_press_hamas":
      pressParty(s, "hamas", 6);
      addTrust(s, "hamas", "qatar", -3);
      addTrack(scenario, s, "stability", 1);
      return;
    case "qatar_fund_aid":
      week.aidBonus += scenario.weights.aidFundBonus;
      addPressure(s, "qatar", -1);
      return;
    case "qatar_step_back":
      // Suspending mediation is Doha's protest while its grievance stands (doha_strike); once the
      // US guarantee is in force, walking away from the broker's role costs it standing instead.
      addPressure(s, "qatar", s.tracks.qatarGuarantee >= 1 ? 2 : -4);
      addPressure(s, "mediators", 5);
      addTrack(scenario, s, "stability", -3);
      addCause(s, "mediation", -1, "Qatar stepped back from mediation.", ["qatar"]);
      return;
    case "turkiye_press_hamas":
      pressParty(s, "hamas", 6);
      addTrust(s, "hamas", "turkiye", -3);
      addTrack(scenario, s, "stability", 1);
      return;
    case "turkiye_public_pressure":
      addPressure(s, "turkiye", -3);
      addTrust(s, "mediators", "turkiye", -2);
      pressParty(s, "israel", 3);
      addTrust(s, "israel", "turkiye", -8);
      return;
    case "board_convene_donors":
      addTrack(scenario, s, "reconstructionFunds", 3);
      addTrack(scenario, s, "multilateralBacking", 1);
      return;
    case "board_expand_membership":
      if (addTrack(scenario, s, "boardMembers", 2) > 0) {
        addTrack(scenario, s, "multilateralBacking", 2);
        addPressure(s, "board_of_peace", -3);
      }
      return;
    case "board_push_committee":
      if (s.phase >= 3 && s.tracks.committeeFormed < 1) {
        setTrack(scenario, s, "committeeFormed", 1);
        addTrack(scenario, s, "institutionalGrounding", scenario.weights.groundingPerInstitution);
        addCause(s, "governance", 1, "The Board seated the technocratic committee.", ["board_of_peace"]);
      } else {
        addTrack(scenario, s, "paReform", 5);
        addTrack(scenario, s, "institutionalGrounding", 3);
      }
      return;
  }
}
