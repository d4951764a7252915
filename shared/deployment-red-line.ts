// A red line binds what is done, at the moment it is done. A secret decision's ISF steps resolve in
// order — pledges, then the mandate, then deployment into zones, only as far as there are troops to
// hold them (resolve-round.ts) — so a deployment is judged against the force as it stands when it
// deploys: with the mandate set that same week, and only for a zone the force actually enters. A
// zone chosen but not entered (too few troops) crosses nothing; a force sent in with no mandate at
// all does (peacekeeping_limits).
import type { PartyId, ZoneId } from "./ids.ts";
import { MANDATES } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Decision, GameState } from "./state.ts";
import { crossesRedLine } from "./resolve-round.ts";
import { cloneState } from "./apply.ts";
import { deployZones, pledgeTroops } from "./term-effects.ts";
import { setTrack } from "./draft-ops.ts";

/** The red line, if any, crossed by sending the force into `zone` now: call before deploying. */
export function deploymentRedLine(scenario: Scenario, s: GameState, party: PartyId, zone: ZoneId): string | null {
  return crossesRedLine(scenario, s, party, { kind: "deploy_zone", option: zone });
}

/**
 * The zones `decision` would send the force into, each with the red line it crosses, as resolution
 * will judge them: after this party's own pledge and mandate (the others' secret choices are not
 * known, so they are left out).
 */
export function deploymentsCrossing(scenario: Scenario, state: GameState, party: PartyId, decision: Decision): Array<{ zone: ZoneId; line: string }> {
  if (decision.zones.length === 0) return [];
  const s = cloneState(state);
  if (decision.pledge > 0) pledgeTroops(scenario, s, party, decision.pledge);
  if (decision.mandate !== null) setTrack(scenario, s, "isfMandate", MANDATES.indexOf(decision.mandate));
  const out: Array<{ zone: ZoneId; line: string }> = [];
  for (const zone of decision.zones) {
    const line = deploymentRedLine(scenario, s, party, zone);
    if (deployZones(scenario, s, [zone]) > 0 && line) out.push({ zone, line });
  }
  return out;
}
