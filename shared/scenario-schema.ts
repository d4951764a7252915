// The shape of a scenario: all game content and parameters as plain data, validated once when
// loaded. Errors name the bad field by its path, so a teacher editing a file can find it.
import { z } from "zod";
import {
  DDR_ELEMENTS,
  METRIC_KEYS,
  MOVE_IDS,
  OUTCOME_IDS,
  PARTY_IDS,
  TERM_KINDS,
  TRACK_KEYS,
  type MetricKey,
  type PartyId,
} from "./ids.ts";

const partyId = z.enum(PARTY_IDS);
const metricKey = z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]);
const trackKey = z.enum(TRACK_KEYS);
const text = z.string().trim().min(1);
const sourceId = z.string().min(1);

export type Condition =
  | { metric: MetricKey; min?: number; max?: number }
  | { pressure: PartyId; min?: number; max?: number }
  | { trust: { from: PartyId; to: PartyId }; min?: number; max?: number }
  | { outcome: Array<(typeof OUTCOME_IDS)[number]> }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const bounds = { min: z.number().finite().optional(), max: z.number().finite().optional() };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ metric: metricKey, ...bounds }),
    z.strictObject({ pressure: partyId, ...bounds }),
    z.strictObject({ trust: z.strictObject({ from: partyId, to: partyId }), ...bounds }),
    z.strictObject({ outcome: z.array(z.enum(OUTCOME_IDS)).min(1) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const partyOrAll = z.union([partyId, z.literal("all")]);
export const effectSchema = z.union([
  z.strictObject({ track: trackKey, delta: z.number().finite() }),
  z.strictObject({ track: trackKey, set: z.number().finite() }),
  z.strictObject({ pressure: partyOrAll, delta: z.number().finite() }),
  z.strictObject({ trust: z.strictObject({ from: partyOrAll, to: partyOrAll }), delta: z.number().finite() }),
]);
export type Effect = z.infer<typeof effectSchema>;

const termParam = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({
    type: z.literal("amount"),
    min: z.number().finite(),
    max: z.number().finite(),
    step: z.number().finite().positive(),
    unit: z.string(),
  }),
  z.strictObject({ type: z.literal("choice"), options: z.array(z.string().min(1)).min(1) }),
]);
export type TermParam = z.infer<typeof termParam>;

const termSpec = z.strictObject({
  label: text,
  description: text,
  givers: z.array(partyId).min(1),
  param: termParam,
  minPhase: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  source: sourceId,
});
export type TermSpec = z.infer<typeof termSpec>;

const moveSpec = z.strictObject({
  party: partyId,
  label: text,
  description: text,
  /** At most one move of a group per decision (e.g. Israel's military posture). */
  group: z.string().min(1),
  minPhase: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  source: sourceId,
});
export type MoveSpec = z.infer<typeof moveSpec>;

const redLine = z.strictObject({
  id: z.string().min(1),
  text,
  /** The party crosses this red line when it honours a term of this kind while `unless` is false. */
  term: z.enum(TERM_KINDS),
  option: z.string().optional(),
  unless: conditionSchema,
  source: sourceId,
});
export type RedLine = z.infer<typeof redLine>;

const partySpec = z.strictObject({
  name: text,
  shortName: text,
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1f77b4"),
  pressureLabel: text,
  startPressure: z.number().min(0).max(100),
  briefing: z.strictObject({
    situation: text,
    wants: z.array(text).min(1),
    leverage: z.array(text).min(1),
  }),
  redLines: z.array(redLine),
});
export type PartySpec = z.infer<typeof partySpec>;

const objective = z.strictObject({
  id: z.string().min(1),
  party: partyId,
  text,
  condition: conditionSchema,
  points: z.number().min(0).max(100),
  source: sourceId,
});
export type Objective = z.infer<typeof objective>;

const eventCard = z.strictObject({
  id: z.string().min(1),
  title: text,
  text,
  source: sourceId,
  weight: z.number().min(0),
  /** The card can only be drawn while this holds. */
  condition: conditionSchema.optional(),
  minRound: z.number().int().min(1).optional(),
  effects: z.array(effectSchema),
});
export type EventCard = z.infer<typeof eventCard>;

const trackSpec = z.strictObject({
  label: text,
  min: z.number().finite(),
  max: z.number().finite(),
  start: z.number().finite(),
  unit: z.string().optional(),
  source: sourceId.optional(),
});

const record = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as { [P in K]: V });

/** Coefficients of the causal model; see resolve-round.ts for where each one acts. */
const weights = z.strictObject({
  aidCapacity: z.tuple([z.number(), z.number(), z.number()]),
  aidSites: z.tuple([z.number(), z.number(), z.number()]),
  aidTarget: z.number().positive(),
  lowAidStability: z.number(),
  lowAidPressure: z.number(),
  goodAidStability: z.number(),
  remainsFoundBase: z.number(),
  remainsFoundMechanism: z.number(),
  slowRemainsIsraelPressure: z.number(),
  detaineesPerHostage: z.number(),
  palestinianRemainsPerIsraeli: z.number(),
  brokenTrust: z.number(),
  brokenStability: z.number(),
  honouredTrust: z.number(),
  redLinePressure: z.number(),
  trustRecovery: z.number(),
  troopsPerZone: z.number().positive(),
  enforceWithoutRoadmapWithdrawal: z.number().min(0).max(1),
  flareBase: z.number(),
  flareLineFriction: z.number(),
  flareEntrenchment: z.number(),
  flareLowTrust: z.number(),
  flareLowCohesion: z.number(),
  flareSpoilers: z.number(),
  flareIsfPerZone: z.number(),
  flareDisarmament: z.number(),
  flareMin: z.number().min(0).max(1),
  flareMax: z.number().min(0).max(1),
  flareStability: z.number(),
  /** Extra chance of a flare-up in a week Israel restricts aid: slow returns, aid limits and fire at the line feed each other (aid_limits). */
  flareAidRestricted: z.number(),
  /** Pressure on the Board for each flare-up or escalation while its force stands in the strip and can only document the fighting (peacekeeping_limits). */
  flareForceCredibility: z.number().min(0),
  disarmWithoutRoadmapPressure: z.number(),
  disarmUnverifiedFactor: z.number().min(0).max(1),
  stabilityDriftPerRoadmap: z.number(),
  groundingPerInstitution: z.number(),
  pressureRelief: z.number(),
  decommissionStep: z.number().min(0).max(100),
  maxDecommissionPerRound: z.number().min(0).max(100),
  paReformStep: z.number().min(0).max(100),
  aidFundBonus: z.number().min(0),
  /** Weekly pressure on each side while living hostages are still held (families; mediators). */
  heldHostagesIsraelPressure: z.number(),
  heldHostagesHamasPressure: z.number(),
  /** Pressure at home on Israel's government for keeping aid flowing while remains are held back (aid_limits). */
  aidWhileRemainsHeldPressure: z.number().min(0),
  /** Domestic pressure on a party that holds its fire through an incident at the line (line-incident.ts). */
  incidentRestraintPressure: z.number().min(0),
  /** Hamas's pressure up to which retrenching brings no relief, and the share of the strain above it that it relieves (retrenchment). */
  retrenchTolerance: z.number().min(0).max(100),
  retrenchRelief: z.number().min(0).max(1),
  /** The share of that strain letting spoilers act relieves (rafah_attack, retrenchment). */
  spoilersRelief: z.number().min(0).max(1),
});
export type Weights = z.infer<typeof weights>;

/** How multilateral backing and institutional grounding act on what parties can do (thesis-levers.ts). */
const thesis = z.strictObject({
  /** Backing at which the coalition counts as broad (contributors, the decommissioning umbrella). */
  broadBacking: z.number().min(0).max(100),
  /** Grounding at which the institutions count as solid (aid system, the force's effectiveness). */
  solidGrounding: z.number().min(1).max(100),
  /** Share of a pledge that arrives with no backing at all. */
  contributorFloor: z.number().min(0).max(1),
  /** Factor on the backing-driven share of a pledge when there is no political roadmap. */
  contributorNoRoadmap: z.number().min(0).max(1),
  /** Weekly share of contributors' troops that leave at zero backing (scaled by the shortfall). */
  contributorAttrition: z.number().min(0).max(1),
  /** Deterrence of a deployed zone with neither backing nor institutions, as a share of the full effect. */
  isfEffectivenessFloor: z.number().min(0).max(1),
  /** Israel–Hamas trust at which Hamas decommissions at the full pace. */
  disarmTrustFull: z.number().min(1).max(100),
  /** Pace of decommissioning at no trust, as a share of the full pace. */
  disarmTrustFloor: z.number().min(0).max(1),
  /** Extra pace of decommissioning for each roadmap element in place, as a share of the base pace (ddr_precedents). */
  disarmPerRoadmap: z.number().min(0).max(1),
  /** Pace factor while backing is short of broad. */
  disarmOutsideCoalition: z.number().min(0).max(1),
  /** Points of the strip the army hands over for each zone the ISF holds (and one step before any). */
  handoverPerZone: z.number().min(0).max(100),
  /** Points of the strip the army hands over per point of weapons decommissioned (after a first step of handoverPerZone): withdrawal in step with demilitarisation (no_annexation). */
  handoverPerDisarmament: z.number().min(0).max(10),
  /** The security perimeter: the least share of the strip the army keeps. */
  perimeter: z.number().min(0).max(100),
  /** Share of the systematised system's extra capacity that works with no institutional grounding. */
  systemFloor: z.number().min(0).max(1),
  /** Backing a bloc brings when it joins, and when it only voices support. */
  blocBacking: z.number().min(0).max(100),
  blocVoice: z.number().min(0).max(100),
  /** What must hold for each bloc to join rather than only voice support. */
  blocJoins: z.partialRecord(z.enum(["arab_states", "europe", "un"]), conditionSchema),
  /** Weekly fall of backing: the outside world's attention drifts unless the table keeps earning it. */
  backingDrift: z.number().min(0).max(100),
  /** Remains a working recovery mechanism returns a week: the schedule returns are judged by. */
  remainsPerWeek: z.number().min(0).max(28),
  /** Located remains left undelivered at which they count as held back. */
  remainsHeldBack: z.number().min(1).max(28),
  /** Deterrence of a deployed zone under each mandate (none, monitor, stabilise, enforce), as a share of the full effect (isf-mandate.ts). */
  mandateDeterrence: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)]),
  /** Roadmap elements both sides must have accepted before an enforce mandate can uphold anything (peacekeeping_limits). */
  enforceRoadmap: z.number().int().min(0).max(6),
  /** Factor on Hamas's pace of decommissioning while an enforce mandate stands on an accepted roadmap. */
  enforceDisarmPace: z.number().min(0),
  /** Weekly pressure on Hamas while a force mandated to enforce stands in the strip (arab_wariness). */
  enforceHamasPressure: z.number().min(0),
  /** Palestinian Authority reform (%) before a political-horizon dialogue can open (plan point 19: political_horizon). */
  horizonNeedsReform: z.number().min(0).max(100),
  /** When a flare-up escalates into days of heavier strikes (escalation.ts; sources: escalation, strikes_resumed). */
  escalation: z.strictObject({
    /** Chance added for each flare-up of the last `recentWeeks` weeks: fire answered with ever-heavier bombardment. */
    perRecentFlare: z.number().min(0).max(1),
    recentWeeks: z.number().int().min(1),
    /** Chance at stability zero, falling to nothing at `calmStability`. */
    strain: z.number().min(0).max(1),
    calmStability: z.number().min(1).max(100),
    /** Chance at no Israel–Hamas trust, falling to nothing at `calmTrust`. */
    distrust: z.number().min(0).max(1),
    calmTrust: z.number().min(1).max(100),
    max: z.number().min(0).max(1),
    /** Factor on the chance for each side that held back this week (Israel's restraint or halted strikes; Hamas complying or restraining the factions). */
    restraint: z.number().min(0).max(1),
    /** Share of the chance a force deployed in all `zones` zones, fully mandated and backed, takes away. */
    forceDamping: z.number().min(0).max(1),
    zones: z.number().int().min(1),
    /** What an escalation costs: stability, Israel–Hamas trust each way, and backing. */
    stability: z.number().min(0).max(100),
    trust: z.number().min(0).max(100),
    backing: z.number().min(0).max(100),
  }),
});
export type ThesisLevers = z.infer<typeof thesis>;

export const scenarioSchema = z.strictObject({
  id: z.string().min(1),
  title: text,
  version: z.number().int().min(1),
  rounds: z.strictObject({ default: z.number().int(), min: z.number().int(), max: z.number().int() }),
  timers: z.strictObject({
    negotiationSeconds: z.number().int().min(10).max(3600),
    decisionSeconds: z.number().int().min(10).max(3600),
  }),
  objectivesPerParty: z.number().int().min(1).max(5),
  trustStart: z.number().min(0).max(100),
  trustOverrides: z.array(z.strictObject({ from: partyId, to: partyId, value: z.number().min(0).max(100) })),
  sources: z
    .array(z.strictObject({ id: z.string().min(1), fact: text, citation: text }))
    .min(1),
  tracks: record(TRACK_KEYS, trackSpec),
  parties: record(PARTY_IDS, partySpec),
  objectives: z.array(objective),
  terms: record(TERM_KINDS, termSpec),
  moves: record(MOVE_IDS, moveSpec),
  events: z.array(eventCard).min(1),
  weights,
  thesis,
  /**
   * What each party's home constituency cares about: per unit of a metric gained in a week, its
   * domestic pressure falls by the weight (rises, for a negative weight).
   */
  interests: record(PARTY_IDS, z.partialRecord(metricKey, z.number().finite())),
  /** Which parties can put each roadmap element in place. */
  ddrProviders: record(DDR_ELEMENTS, z.array(partyId).min(1)),
  phases: z.strictObject({ two: conditionSchema, three: conditionSchema }),
  outcomes: record(
    OUTCOME_IDS,
    z.strictObject({
      label: text,
      summary: text,
      /** What reaching this outcome is worth to each party's score. */
      value: record(PARTY_IDS, z.number()),
    }),
  ),
  /** Checked at the end in this order: collapse is stability at zero; frozen line is the fallback. */
  outcomeRules: z.strictObject({ pathway_to_peace: conditionSchema, managed_ceasefire: conditionSchema }),
  scoring: z.strictObject({
    standingWeight: z.number().min(0),
    outcomeWeight: z.number().min(0),
    /** Score per point of the others' mean trust gained or lost since the start (reputation.ts). */
    reputationWeight: z.number().min(0),
  }),
});
export type Scenario = z.infer<typeof scenarioSchema>;
