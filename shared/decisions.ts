// The secret decisions of a week: which commitments to honour or break, unilateral moves, ISF and
// disarmament choices. What is legal for a party is answered here, for the client and the bots.
import { DDR_TRACK, WEAPON_CATEGORIES, ZONE_IDS, MOVE_IDS, type DdrElement, type MoveId, type PartyId, type ZoneId } from "./ids.ts";
import type { RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Commitment, Decision, GameState } from "./state.ts";
import { roadmapElementNotYet } from "./roadmap-prerequisites.ts";

const fail = (message: string, field: string, code: RuleError["code"] = "invalid_decision"): RuleError => ({ code, message, field });

/** Parties whose troop pledges feed the ISF, and the track each one fills. */
export const PLEDGE_TRACK = {
  turkiye: "isfTurkiye",
  qatar: "isfQatar",
  board_of_peace: "isfRegional",
  mediators: "isfUs",
} as const satisfies Partial<Record<PartyId, string>>;
export const PLEDGE_STEP = 250;
export const MAX_PLEDGE = 5000;

export function emptyDecision(): Decision {
  return { breaks: [], moves: [], pledge: 0, mandate: null, zones: [], decommission: { heavy: 0, tunnels: 0, small_arms: 0 }, ddr: [] };
}

/** The empty decision: honour every commitment, no new unilateral move. (At the deadline a seat that has not decided gets its stand-in instead: stand-in.ts.) */
export const defaultDecision = emptyDecision;

export function dueCommitments(state: GameState, party: PartyId): Commitment[] {
  return state.commitments.filter((c) => c.party === party && c.status === "pending" && c.round === state.round);
}

export interface DecisionOptions {
  commitments: Commitment[];
  moves: MoveId[];
  /** Moves that would contradict a commitment the party honours (e.g. strikes after promising to halt them). */
  conflicts: Partial<Record<MoveId, string>>;
  canPledge: boolean;
  maxPledge: number;
  canSetMandate: boolean;
  zones: ZoneId[];
  canDecommission: boolean;
  maxDecommission: number;
  ddr: DdrElement[];
}

/** Which moves a commitment rules out while it is honoured. */
const MOVE_CONFLICTS: Partial<Record<MoveId, string>> = {
  israel_limited_strike: "halt_strikes",
  israel_heavy_strikes: "halt_strikes",
  hamas_spoilers: "restrain_factions",
  israel_restrict_aid: "open_crossings",
  israel_entrench: "halt_housing",
};

export function decisionOptions(scenario: Scenario, state: GameState, party: PartyId): DecisionOptions {
  const phase = state.phase;
  const moves = MOVE_IDS.filter((m) => scenario.moves[m].party === party && phase >= scenario.moves[m].minPhase);
  const due = dueCommitments(state, party);
  const conflicts: Partial<Record<MoveId, string>> = {};
  for (const m of moves) {
    const kind = MOVE_CONFLICTS[m];
    const c = kind && due.find((x) => x.term.kind === kind);
    if (c) conflicts[m] = `honouring "${scenario.terms[c.term.kind].label}" rules this out; break that commitment to choose it`;
  }
  return {
    commitments: due,
    moves,
    conflicts,
    canPledge: phase >= 2 && party in PLEDGE_TRACK,
    maxPledge: MAX_PLEDGE,
    canSetMandate: phase >= 2 && party === "board_of_peace",
    zones: phase >= 2 && party === "board_of_peace" ? ZONE_IDS.filter((z) => !state.isfZones.includes(z)) : [],
    canDecommission: phase >= 2 && party === "hamas",
    maxDecommission: scenario.weights.maxDecommissionPerRound,
    ddr: (Object.keys(DDR_TRACK) as DdrElement[]).filter(
      (e) => scenario.ddrProviders[e].includes(party) && state.tracks[DDR_TRACK[e]] < 1 && roadmapElementNotYet(scenario, state, e) === null,
    ),
  };
}

/** Checks a decision against the options; returns null when it is legal. */
export function checkDecision(scenario: Scenario, state: GameState, party: PartyId, d: Decision): RuleError | null {
  const options = decisionOptions(scenario, state, party);
  const dueIds = new Set(options.commitments.map((c) => c.id));
  for (const [i, id] of d.breaks.entries())
    if (!dueIds.has(id)) return fail(`commitment ${id} is not one of yours due this week`, `breaks.${i}`, "unknown_commitment");
  if (new Set(d.breaks).size !== d.breaks.length) return fail("a commitment is listed twice", "breaks");

  const groups = new Set<string>();
  for (const [i, m] of d.moves.entries()) {
    if (!options.moves.includes(m)) return fail(`"${m}" is not a move open to you now`, `moves.${i}`, "unknown_move");
    const group = scenario.moves[m].group;
    if (groups.has(group)) return fail(`choose at most one "${group}" move`, `moves.${i}`);
    groups.add(group);
    const conflictKind = MOVE_CONFLICTS[m];
    const honoured = options.commitments.find((c) => c.term.kind === conflictKind && !d.breaks.includes(c.id));
    if (honoured) return fail(options.conflicts[m] ?? "this move contradicts a commitment you honour", `moves.${i}`);
  }

  if (!Number.isFinite(d.pledge) || d.pledge < 0 || d.pledge > options.maxPledge || d.pledge % PLEDGE_STEP !== 0)
    return fail(`a pledge is 0 to ${options.maxPledge} troops in steps of ${PLEDGE_STEP}`, "pledge", "out_of_range");
  if (d.pledge > 0 && !options.canPledge) return fail("you cannot pledge ISF troops now", "pledge");
  if (d.mandate !== null && !options.canSetMandate) return fail("only the Board of Peace sets the mandate, from phase 2", "mandate");
  if (new Set(d.zones).size !== d.zones.length) return fail("a zone is listed twice", "zones");
  for (const [i, z] of d.zones.entries())
    if (!options.zones.includes(z)) return fail(`the ISF cannot be sent to "${z}" by you now`, `zones.${i}`);

  for (const w of WEAPON_CATEGORIES) {
    const v = d.decommission[w];
    if (!Number.isFinite(v) || v < 0 || v > options.maxDecommission || !Number.isInteger(v))
      return fail(`decommissioning is a whole number of points from 0 to ${options.maxDecommission}`, `decommission.${w}`, "out_of_range");
    if (v > 0 && !options.canDecommission) return fail("only Hamas decommissions, from phase 2", `decommission.${w}`);
  }
  if (new Set(d.ddr).size !== d.ddr.length) return fail("a roadmap element is listed twice", "ddr");
  for (const [i, e] of d.ddr.entries())
    if (!options.ddr.includes(e)) return fail(`you cannot put "${e}" in place now${((why) => (why ? `: ${why}` : ""))(roadmapElementNotYet(scenario, state, e))}`, `ddr.${i}`);
  return null;
}
