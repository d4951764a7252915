// The one place that turns the game's data into sentences: party names as a person writes them
// (with their grammatical number: "the Mediators keep their word", "Hamas keeps its word"), terms
// as phrases that fit inside a sentence, amounts with their units, plurals, and numbers rounded
// for people. News, offers, bot reasons, the debrief and the exports all word things through here,
// so a phrase is fixed once and reads the same everywhere.
//
// Pure and deterministic (no locale): the same state gives the same words on every machine, which
// keeps news lines byte-identical across replays.
import { isPartyId, type DdrElement, type Mandate, type MoveId, type PartyId, type TermKind, type TrackKey, type WeaponCategory, type ZoneId } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Term } from "./state.ts";

// ── Numbers ───────────────────────────────────────────────────────────────────────────────────

/** 1950 → "1,950"; rounds to whole numbers first ("78.19" → "78"). Minus sign is a true minus. */
export function forPeople(n: number): string {
  if (!Number.isFinite(n)) return "—";
  const whole = Math.round(n);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return whole < 0 ? `−${digits}` : digits;
}

/**
 * Scores shown side by side: whole numbers, except those that rounding would make equal to another
 * one they differ from (112.1 and 112 both "112": a lost tie shown as a tie), which keep their
 * decimal. Keys are whatever the scores belong to.
 */
export function scoresForPeople<K extends string>(scores: Record<K, number>): Record<K, string> {
  const keys = Object.keys(scores) as K[];
  const blurred = (k: K) => keys.some((o) => o !== k && scores[o] !== scores[k] && Math.round(scores[o]) === Math.round(scores[k]));
  const out = {} as Record<K, string>;
  for (const k of keys) out[k] = blurred(k) && !Number.isInteger(scores[k]) ? (Math.round(scores[k] * 10) / 10).toFixed(1) : forPeople(scores[k]);
  return out;
}

/** Small quantities keep one decimal where it says something ("2.5"), large ones are whole. */
export function approx(n: number): string {
  if (!Number.isFinite(n)) return "—";
  if (Math.abs(n) >= 10) return forPeople(n);
  const tenths = Math.round(n * 10) / 10;
  if (Number.isInteger(tenths)) return forPeople(tenths);
  return (tenths < 0 ? "−" : "") + String(Math.abs(tenths));
}

/** "+5", "−3", "±0", rounded for people. */
export function signed(n: number): string {
  const whole = Math.round(n);
  if (whole === 0) return "±0";
  return whole > 0 ? `+${forPeople(whole)}` : forPeople(whole);
}

/** "34 of 100". */
export function outOf(value: number, max: number): string {
  return `${forPeople(value)} of ${forPeople(max)}`;
}

// ── Plurals ───────────────────────────────────────────────────────────────────────────────────

/** The word for `n` things: plural("zone", 1) → "zone", plural("zone", 3) → "zones". */
export function plural(one: string, n: number, many = `${one}s`): string {
  return Math.round(n) === 1 ? one : many;
}

/** The count and the word: count(1, "zone") → "1 zone", count(0, "flare-up") → "no flare-ups". */
export function count(n: number, one: string, many = `${one}s`): string {
  if (Math.round(n) === 0) return `no ${many}`;
  return `${forPeople(n)} ${plural(one, n, many)}`;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The first letter in capitals, for a phrase that opens a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ── Parties ───────────────────────────────────────────────────────────────────────────────────

/**
 * How each party's short name behaves in a sentence. The Mediators are several envoys (plural);
 * "the Board" needs its article. The names themselves come from the scenario.
 */
const PARTY_GRAMMAR: Record<PartyId, { plural: boolean; article: boolean }> = {
  mediators: { plural: true, article: true },
  israel: { plural: false, article: false },
  hamas: { plural: false, article: false },
  qatar: { plural: false, article: false },
  turkiye: { plural: false, article: false },
  board_of_peace: { plural: false, article: true },
};

/** The short name inside a sentence: "the Mediators", "Israel", "the Board". */
export function partyName(scenario: Scenario, p: PartyId): string {
  const name = scenario.parties[p].shortName;
  return PARTY_GRAMMAR[p].article && !/^the\s/i.test(name) ? `the ${name}` : name;
}

/** The short name opening a sentence: "The Mediators", "Israel". */
export function partySubject(scenario: Scenario, p: PartyId): string {
  return capitalise(partyName(scenario, p));
}

/** "Hamas's", "the Mediators'", "the Board's". */
export function partyPossessive(scenario: Scenario, p: PartyId): string {
  const name = partyName(scenario, p);
  return PARTY_GRAMMAR[p].plural && name.endsWith("s") ? `${name}'` : `${name}'s`;
}

export function isPluralParty(p: PartyId): boolean {
  return PARTY_GRAMMAR[p].plural;
}

/** "its" or "their". */
export function possessive(p: PartyId): string {
  return PARTY_GRAMMAR[p].plural ? "their" : "its";
}

/** The verb agreeing with the party: verb(p, "keeps", "keep"). */
export function verb(p: PartyId, singular: string, pluralForm: string): string {
  return PARTY_GRAMMAR[p].plural ? pluralForm : singular;
}

/** "was" or "were", "has" or "have". */
export const was = (p: PartyId) => verb(p, "was", "were");
export const has = (p: PartyId) => verb(p, "has", "have");

/** A list of parties in a sentence: "Israel, Hamas and the Board". */
export function partyList(scenario: Scenario, parties: readonly PartyId[]): string {
  return listing(parties.map((p) => partyName(scenario, p)));
}

// ── Choices ───────────────────────────────────────────────────────────────────────────────────

const ZONE_WORDS: Record<ZoneId, string> = { north: "North Gaza", gaza_city: "Gaza City", central: "the central camps", khan_younis: "Khan Younis", rafah: "Rafah" };
const WEAPON_WORDS: Record<WeaponCategory, string> = { heavy: "heavy weapons", tunnels: "tunnels", small_arms: "small arms" };
const DDR_WORDS: Record<DdrElement, string> = {
  amnesty: "amnesty",
  buy_back: "a weapons buy-back",
  reintegration: "reintegration",
  independent_monitors: "independent monitors",
  security_guarantees: "security guarantees",
  political_horizon: "a political horizon",
};
const MANDATE_WORDS: Record<Mandate, string> = { none: "no mandate", monitor: "monitor", stabilise: "stabilise", enforce: "enforce" };
const BLOC_WORDS: Record<string, string> = { arab_states: "the Arab states", europe: "Europe", un: "the UN" };

/** A choice as a person names it inside a sentence: "Rafah", "the UN", "Hamas", "a weapons buy-back". */
export function choiceWords(scenario: Scenario, option: string): string {
  if (isPartyId(option)) return partyName(scenario, option);
  return (
    ZONE_WORDS[option as ZoneId] ??
    WEAPON_WORDS[option as WeaponCategory] ??
    DDR_WORDS[option as DdrElement] ??
    BLOC_WORDS[option] ??
    MANDATE_WORDS[option as Mandate] ??
    option.replace(/_/g, " ")
  );
}

/** A choice as a label in a list or a menu, capitalised where a name would be: "Rafah", "Weapons buy-back". */
export function choiceLabel(scenario: Scenario, option: string): string {
  if (isPartyId(option)) return scenario.parties[option].shortName;
  const words = choiceWords(scenario, option).replace(/^(the|a|an) /, "");
  return capitalise(words);
}

// ── Amounts and terms ─────────────────────────────────────────────────────────────────────────

/** An amount of what a term moves, as a noun phrase: "1,950 Palestinian detainees", "the remains of 1 hostage". */
export function amountWords(kind: TermKind, n: number): string {
  switch (kind) {
    case "withdraw":
      return `${forPeople(n)}% of the strip`;
    case "open_crossings":
      return `${forPeople(n)} ${plural("truck", n)} a day`;
    case "release_hostages":
      return `${forPeople(n)} living ${plural("hostage", n)}`;
    case "return_remains":
      return `the remains of ${forPeople(n)} ${plural("hostage", n)}`;
    case "release_detainees":
      return `${forPeople(n)} Palestinian ${plural("detainee", n)}`;
    case "pledge_troops":
      return `${forPeople(n)} ${plural("troop", n)}`;
    case "fund_reconstruction":
      return `$${forPeople(n)}bn`;
    default:
      return forPeople(n);
  }
}

/**
 * What promising a term commits a party to, as an infinitive phrase that fits after "to":
 * "release 300 Palestinian detainees", "deploy the ISF to Rafah", "bring Europe in as a supporter".
 */
export function termPhrase(scenario: Scenario, term: Term): string {
  const n = term.amount ?? 0;
  const o = term.option ?? "";
  switch (term.kind) {
    case "withdraw":
      return `withdraw from ${amountWords("withdraw", n)}`;
    case "open_crossings":
      return `open the crossings to ${amountWords("open_crossings", n)}`;
    case "release_hostages":
      return `release ${amountWords("release_hostages", n)}`;
    case "return_remains":
      return `return ${amountWords("return_remains", n)}`;
    case "release_detainees":
      return `release ${amountWords("release_detainees", n)}`;
    case "halt_strikes":
      return "halt strikes";
    case "restrain_factions":
      return "restrain armed factions";
    case "decommission":
      return `decommission ${choiceWords(scenario, o)}`;
    case "ddr_element":
      return `put ${choiceWords(scenario, o)} in place on the disarmament roadmap`;
    case "pledge_troops":
      return `pledge ${amountWords("pledge_troops", n)} to the ISF`;
    case "set_mandate":
      return `set the ISF mandate to ${choiceWords(scenario, o)}`;
    case "deploy_zone":
      return `deploy the ISF to ${choiceWords(scenario, o)}`;
    case "security_guarantee":
      return "honour the security guarantee to Qatar";
    case "arms_sale":
      return "approve the fighter-jet sale to Türkiye";
    case "board_seat":
      return "offer a seat on the Board of Peace";
    case "fund_reconstruction":
      return `pledge ${amountWords("fund_reconstruction", n)} for reconstruction`;
    case "recovery_mechanism":
      return "send teams to recover hostage remains";
    case "build_hubs":
      return "build aid hubs";
    case "admit_agencies":
      return "admit international aid agencies";
    case "form_committee":
      return "form the technocratic committee";
    case "pa_reform":
      return "back Palestinian Authority reform";
    case "press_party":
      return `press ${choiceWords(scenario, o)}`;
    case "host_talks":
      return "host the talks";
    case "broaden_coalition":
      return `bring ${choiceWords(scenario, o)} in as ${o === "un" || o === "europe" ? "a supporter" : "supporters"} of the plan`;
    case "halt_housing":
      return "freeze housing projects behind the line";
  }
}

/** The term as a line in an offer or a list: "Release 300 Palestinian detainees". */
export function termLine(scenario: Scenario, term: Term): string {
  return capitalise(termPhrase(scenario, term));
}

/** A term's name with no amount, inside a sentence: "pledge ISF troops" (keeps acronyms and names). */
export function termName(scenario: Scenario, kind: TermKind): string {
  const label = scenario.terms[kind].label;
  // Lower the first letter only when the first word is not an acronym ("ISF…") or a name.
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** A move's name inside a sentence: "restrict aid", "send US troops in". */
export function moveName(scenario: Scenario, move: MoveId): string {
  const label = scenario.moves[move].label;
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** A track's name with its explanatory brackets dropped: "Aid distribution system". */
export function trackName(scenario: Scenario, key: TrackKey): string {
  return scenario.tracks[key].label.replace(/\s*\(.*\)$/, "");
}

// ── Sentences of the news ─────────────────────────────────────────────────────────────────────

/** "Hamas kept its promise to release 2 living hostages." / "The Mediators kept their promise to …" */
export function keptSentence(scenario: Scenario, p: PartyId, term: Term): string {
  return `${partySubject(scenario, p)} kept ${possessive(p)} promise to ${termPhrase(scenario, term)}.`;
}

export function brokeSentence(scenario: Scenario, p: PartyId, term: Term): string {
  return `${partySubject(scenario, p)} broke ${possessive(p)} promise to ${termPhrase(scenario, term)}.`;
}

/** Why an amount could fall short of the promise, in the rules' own terms. */
const SHORTFALL: Partial<Record<TermKind, string>> = {
  return_remains: "no more remains had been located",
  release_hostages: "no more living hostages were held",
  release_detainees: "no more detainees were held",
  withdraw: "the army held no more ground",
  pledge_troops: "contributors hold back without a roadmap and broad backing",
};

/**
 * A commitment honoured but delivered only in part: "Hamas honoured its promise to return the
 * remains of 2 hostages but could hand over none: no more remains had been located."
 */
export function partlyKeptSentence(scenario: Scenario, p: PartyId, term: Term, delivered: number): string {
  const why = SHORTFALL[term.kind] ?? "no more could be delivered";
  const got = delivered <= 0 ? "none" : `only ${amountWords(term.kind, delivered)}`;
  return `${partySubject(scenario, p)} honoured ${possessive(p)} promise to ${termPhrase(scenario, term)} but could deliver ${got}: ${why}.`;
}

/** A red line crossed by a party's own choice: "Hamas acted at a domestic cost: …". */
export function domesticCostSentence(scenario: Scenario, p: PartyId, redLine: string, kept: boolean): string {
  return `${partySubject(scenario, p)} ${kept ? `kept ${possessive(p)} word` : "acted"} at a cost at home, crossing a red line: ${redLine}`;
}

/** "Türkiye pledged 1,000 troops to the ISF; 500 arrived." */
export function pledgeSentence(scenario: Scenario, p: PartyId, pledged: number, arrived: number): string {
  const got = arrived >= pledged ? "all arrived" : arrived <= 0 ? "none arrived yet" : `${forPeople(arrived)} arrived`;
  return `${partySubject(scenario, p)} pledged ${amountWords("pledge_troops", pledged)} to the ISF; ${got}.`;
}

export function zonesDeployedSentence(added: number): string {
  return `The ISF deployed into ${count(added, "new zone")}.`;
}

export function roadmapSentence(scenario: Scenario, p: PartyId, element: DdrElement): string {
  return `${partySubject(scenario, p)} put ${choiceWords(scenario, element)} in place on the disarmament roadmap.`;
}

export function mandateSentence(scenario: Scenario, mandate: Mandate): string {
  return `${partySubject(scenario, "board_of_peace")} set the ISF mandate to ${choiceWords(scenario, mandate)}.`;
}

/** The debrief's closing count: "Over the game, 12 commitments were kept and 1 was broken; there was 1 flare-up at the line." */
export function gameTallySentence(kept: number, broken: number, flareUps: number): string {
  const keptWords = `${count(kept, "commitment")} ${Math.round(kept) === 1 ? "was" : "were"} kept`;
  const brokenWords = Math.round(broken) === 0 ? "none was broken" : `${forPeople(broken)} ${Math.round(broken) === 1 ? "was" : "were"} broken`;
  const flares = Math.round(flareUps) === 0 ? "there were no flare-ups at the line" : `there ${Math.round(flareUps) === 1 ? "was" : "were"} ${count(flareUps, "flare-up")} at the line`;
  return `Over the game, ${keptWords} and ${brokenWords}; ${flares}.`;
}
