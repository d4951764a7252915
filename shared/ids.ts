// Identifiers used everywhere: protocol, files, command line. Changing one is a breaking change.

export const PARTY_IDS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;
export type PartyId = (typeof PARTY_IDS)[number];

export const OUTCOME_IDS = ["collapse", "frozen_line", "managed_ceasefire", "pathway_to_peace"] as const;
export type OutcomeId = (typeof OUTCOME_IDS)[number];

/** Every public track of the game, as a flat record of numbers (flags are 0 or 1). */
export const TRACK_KEYS = [
  "stability",
  "hostagesReleased",
  "remainsReturned",
  "remainsLocated",
  "detaineesReleased",
  "palestinianRemainsReturned",
  "aidTrucks",
  "aidCrossingLimit",
  "aidSystem",
  "israeliControl",
  "housingProjects",
  "isfTurkiye",
  "isfQatar",
  "isfRegional",
  "isfUs",
  "isfMandate",
  "disarmHeavy",
  "disarmTunnels",
  "disarmSmallArms",
  "ddrAmnesty",
  "ddrBuyBack",
  "ddrReintegration",
  "ddrMonitors",
  "ddrGuarantees",
  "ddrPoliticalHorizon",
  "committeeFormed",
  "paReform",
  "boardMembers",
  "multilateralBacking",
  "institutionalGrounding",
  "recoveryMechanism",
  "usTroops",
  "reconstructionFunds",
  "qatarGuarantee",
  "turkiyeJetSale",
  "flareUps",
  "coalitionArab",
  "coalitionEurope",
  "coalitionUn",
] as const;
export type TrackKey = (typeof TRACK_KEYS)[number];

/** Numbers computed from the tracks, usable in conditions like tracks. */
export const DERIVED_METRICS = [
  "round",
  "phase",
  "isfTroops",
  "isfZones",
  "roadmapCount",
  "disarmament",
  "aidSites",
  "aidExpected",
  "trustIsraelHamas",
  "commitmentsHonoured",
  "commitmentsBroken",
] as const;
export type DerivedMetric = (typeof DERIVED_METRICS)[number];
export type MetricKey = TrackKey | DerivedMetric;
export const METRIC_KEYS: readonly MetricKey[] = [...TRACK_KEYS, ...DERIVED_METRICS];

export const DDR_ELEMENTS = ["amnesty", "buy_back", "reintegration", "independent_monitors", "security_guarantees", "political_horizon"] as const;
export type DdrElement = (typeof DDR_ELEMENTS)[number];
export const DDR_TRACK: Record<DdrElement, TrackKey> = {
  amnesty: "ddrAmnesty",
  buy_back: "ddrBuyBack",
  reintegration: "ddrReintegration",
  independent_monitors: "ddrMonitors",
  security_guarantees: "ddrGuarantees",
  political_horizon: "ddrPoliticalHorizon",
};

export const MANDATES = ["none", "monitor", "stabilise", "enforce"] as const;
export type Mandate = (typeof MANDATES)[number];

export const ZONE_IDS = ["north", "gaza_city", "central", "khan_younis", "rafah"] as const;
export type ZoneId = (typeof ZONE_IDS)[number];

export const WEAPON_CATEGORIES = ["heavy", "tunnels", "small_arms"] as const;
export type WeaponCategory = (typeof WEAPON_CATEGORIES)[number];
export const WEAPON_TRACK: Record<WeaponCategory, TrackKey> = {
  heavy: "disarmHeavy",
  tunnels: "disarmTunnels",
  small_arms: "disarmSmallArms",
};

export const AID_SYSTEMS = ["ad_hoc", "hubs", "systematised"] as const;
export type AidSystem = (typeof AID_SYSTEMS)[number];

/** The kinds of term an offer can be built from; their effects live in term-effects.ts. */
export const TERM_KINDS = [
  "withdraw",
  "open_crossings",
  "release_hostages",
  "return_remains",
  "release_detainees",
  "halt_strikes",
  "restrain_factions",
  "decommission",
  "ddr_element",
  "pledge_troops",
  "set_mandate",
  "deploy_zone",
  "security_guarantee",
  "arms_sale",
  "board_seat",
  "fund_reconstruction",
  "recovery_mechanism",
  "build_hubs",
  "admit_agencies",
  "form_committee",
  "pa_reform",
  "press_party",
  "host_talks",
  "broaden_coalition",
  "halt_housing",
] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** Unilateral moves chosen in the secret decisions; their effects live in move-effects.ts. */
export const MOVE_IDS = [
  "israel_restraint",
  "israel_limited_strike",
  "israel_heavy_strikes",
  "israel_restrict_aid",
  "israel_entrench",
  "hamas_comply",
  "hamas_retrench",
  "hamas_spoilers",
  "mediators_press_israel",
  "mediators_press_hamas",
  "mediators_mission_creep",
  "mediators_claim_credit",
  "qatar_press_hamas",
  "qatar_fund_aid",
  "qatar_step_back",
  "turkiye_press_hamas",
  "turkiye_public_pressure",
  "board_convene_donors",
  "board_expand_membership",
  "board_push_committee",
] as const;
export type MoveId = (typeof MOVE_IDS)[number];

export const STAGES = ["briefing", "negotiation", "decisions", "ended"] as const;
export type Stage = (typeof STAGES)[number];

export type Viewer = PartyId | "spectator" | "facilitator";

export function isPartyId(value: unknown): value is PartyId {
  return typeof value === "string" && (PARTY_IDS as readonly string[]).includes(value);
}
