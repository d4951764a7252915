// The words a bot listens for in a player's message. Data, not logic: recognising is in
// talk-intents.ts. Term words are what people at a table call each term of the catalogue; the
// catalogue's own labels are recognised as well, so a renamed term in a teacher's scenario still works.
import type { TermKind } from "../ids.ts";

/** Words and phrases that name a term, lower case; the longest match in a message wins. */
export const TERM_WORDS: Record<TermKind, readonly string[]> = {
  withdraw: ["withdraw", "withdrawal", "pull back", "pullback", "perimeter", "yellow line", "hand over territory"],
  open_crossings: ["crossing", "crossings", "trucks", "aid trucks", "open the border", "rafah crossing"],
  release_hostages: ["hostage", "hostages", "living hostages", "captives"],
  return_remains: ["remains", "bodies", "deceased hostages"],
  release_detainees: ["detainee", "detainees", "prisoner", "prisoners", "palestinian prisoners"],
  halt_strikes: ["strikes", "airstrikes", "air strikes", "halt strikes", "stop the strikes", "bombing"],
  restrain_factions: ["factions", "restrain", "armed groups", "militants", "spoilers"],
  decommission: ["decommission", "disarm", "disarmament", "weapons", "heavy weapons", "tunnels", "small arms"],
  ddr_element: ["roadmap", "amnesty", "buy-back", "buy back", "reintegration", "independent monitors", "political horizon", "ddr"],
  pledge_troops: ["troops", "pledge troops", "soldiers", "isf troops", "contribute troops"],
  set_mandate: ["mandate", "isf mandate", "enforce mandate"],
  deploy_zone: ["deploy", "deployment", "zone", "deploy the isf"],
  security_guarantee: ["security guarantee", "guarantee to qatar", "the guarantee"],
  arms_sale: ["fighter jets", "fighter-jet", "jets", "f-35", "arms sale", "jet sale"],
  board_seat: ["board seat", "seat on the board", "membership of the board"],
  fund_reconstruction: ["reconstruction", "rebuild", "rebuilding", "funding", "funds"],
  recovery_mechanism: ["recovery teams", "recovery", "search teams", "red cross"],
  build_hubs: ["aid hubs", "hubs", "distribution sites"],
  admit_agencies: ["agencies", "aid agencies", "unrwa", "international agencies"],
  form_committee: ["committee", "technocratic committee", "technocrats"],
  pa_reform: ["palestinian authority", "pa reform", "reform"],
  press_party: ["press", "pressure on", "lean on"],
  host_talks: ["host the talks", "host talks", "hosting", "venue"],
  broaden_coalition: ["coalition", "backing", "supporters", "arab states", "europe", "the un"],
  halt_housing: ["housing", "settlement", "settlements", "housing projects", "freeze"],
};

/** Asking the price of something: "what would you accept for…", "what do you want in return for…". */
export const ASK_PRICE = [
  /\bwhat (would|will|do|could|can) you (accept|want|need|ask|take|give|require)\b/,
  /\bin (return|exchange) for\b/,
  /\bwhat would it take\b/,
  /\b(your|the) price\b/,
  /\bwhat for\b/,
  /\b(would|will|could|can) you\b/,
  /\bhow about\b/,
  /\bready to\b/,
];
/** Asking what the party wants in general. */
export const ASK_WANTS = [/\bwhat do you (want|need)\b/, /\byour (priorit|aims?|goals?|demands?|needs?)/, /\bwhat are you after\b/, /\bwhat (matters|counts) (most )?(to|for) you\b/];
/** Asking about an offer: why it was turned down, or what the bot makes of it. */
export const ASK_ABOUT_OFFER = [
  /\bwhy\b.*\b(reject|refuse|turn(ed)? (it )?down|say no|said no|decline|counter)/,
  /\bwhy (not|no)\b/,
  /\bwhy\b.*\b(offer|package|proposal|deal)\b/,
  /\b(think|thoughts|opinion|view|feel) (of|on|about)\b.*\b(offer|package|proposal)\b/,
  /\b(did|have) you (read|seen|see|get|got|looked at|answer(ed)?)\b.*\b(offer|package|proposal)\b/,
];
export const ASK_RED_LINES = [/\bred ?lines?\b/, /\bwhat (will|would) you never\b/, /\bnon-?negotiable\b/, /\bwhere do you draw the line\b/];
export const COMPLAINT = [/\bbr(oke|eak|oken)\b/, /\bbetray/, /\blie[ds]?\b/, /\bliar/, /\bcheat/, /\bunfair\b/, /\bdid ?n[o']t (keep|deliver|honour|honor)\b/, /\bnot kept\b/, /\bgo(ne)? back on\b/];
export const THREAT = [/\bor else\b/, /\bwe will (strike|attack|retaliate|punish|walk away|make you)\b/, /\bconsequences\b/, /\byou will (regret|pay)\b/, /\bwarn(ing)? you\b/, /\bultimatum\b/, /\blast chance\b/];
export const THANKS = [/\bthank(s| you)\b/, /\bappreciate/, /\bgrateful\b/, /\bwell done\b/, /\bgood (work|job)\b/];
export const GREETING = [/^\s*(hello|hi|hey|good (morning|afternoon|evening)|greetings|salaam|shalom)\b/];

/**
 * What a bot puts before an answer it already gave this partner this week, so a question asked again
 * is answered as a person would ("as we said…"), not with the same words; in order of use.
 */
export const ANSWERED_BEFORE = ["As we said earlier this week, and it still holds: ", "Our answer has not changed: "] as const;
