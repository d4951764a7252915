// "What changed last week", in a few lines instead of the week's full news: the tracks that moved
// and by how much, the promises kept and broken and by whom, the week's event and any flare-up.
// Built only from what every seat sees (the round history and the public news), so the page, the
// projector and a bot reading the same view get the same digest.
import { PARTY_IDS, type PartyId, type TrackKey } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { NewsItem, RoundRecord } from "./state.ts";
import { capitalise, count, forPeople, listing, outOf, partyName, plural } from "./wording.ts";

/** A quantity the digest reports, read off a week's tracks. */
interface Measure {
  id: string;
  /** Inside a sentence, after the verb: "ceasefire stability". */
  name: string;
  value: (t: Record<TrackKey, number>) => number;
  /** The upper bound printed as "of N", if the quantity has one people think in. */
  of?: number | ((scenario: Scenario) => number);
  unit?: "%" | "trucks" | "troops" | "$bn";
  /** Smallest change worth a line. */
  minStep: number;
}

const isf = (t: Record<TrackKey, number>) => t.isfTurkiye + t.isfQatar + t.isfRegional + t.isfUs;
const disarmed = (t: Record<TrackKey, number>) => (t.disarmHeavy + t.disarmTunnels + t.disarmSmallArms) / 3;
const roadmap = (t: Record<TrackKey, number>) =>
  t.ddrAmnesty + t.ddrBuyBack + t.ddrReintegration + t.ddrMonitors + t.ddrGuarantees + t.ddrPoliticalHorizon;

/** In the order a reader cares about: the ceasefire itself, the exchanges, aid, territory, the later phases. */
const MEASURES: Measure[] = [
  { id: "stability", name: "ceasefire stability", value: (t) => t.stability, of: 100, minStep: 1 },
  { id: "hostagesReleased", name: "living hostages released", value: (t) => t.hostagesReleased, of: (s) => s.tracks.hostagesReleased.max, minStep: 1 },
  { id: "remainsReturned", name: "hostage remains returned", value: (t) => t.remainsReturned, of: (s) => s.tracks.remainsReturned.max, minStep: 1 },
  { id: "detaineesReleased", name: "Palestinian detainees released", value: (t) => t.detaineesReleased, of: (s) => s.tracks.detaineesReleased.max, minStep: 1 },
  { id: "aidTrucks", name: "aid", value: (t) => t.aidTrucks, unit: "trucks", minStep: 10 },
  { id: "israeliControl", name: "the share of the strip under Israeli control", value: (t) => t.israeliControl, unit: "%", minStep: 1 },
  { id: "isfTroops", name: "ISF troops", value: isf, unit: "troops", minStep: 50 },
  { id: "disarmament", name: "weapons decommissioned", value: disarmed, unit: "%", minStep: 1 },
  { id: "roadmap", name: "disarmament roadmap elements in place", value: roadmap, of: 6, minStep: 1 },
  { id: "multilateralBacking", name: "multilateral backing", value: (t) => t.multilateralBacking, of: 100, minStep: 1 },
  { id: "institutionalGrounding", name: "institutional grounding", value: (t) => t.institutionalGrounding, of: 100, minStep: 1 },
  { id: "boardMembers", name: "seats filled on the Board of Peace", value: (t) => t.boardMembers, of: (s) => s.tracks.boardMembers.max, minStep: 1 },
  { id: "reconstructionFunds", name: "reconstruction funds", value: (t) => t.reconstructionFunds, unit: "$bn", minStep: 1 },
  { id: "paReform", name: "Palestinian Authority reform", value: (t) => t.paReform, unit: "%", minStep: 1 },
];

export interface TrackChange {
  id: string;
  before: number;
  after: number;
  /** "Ceasefire stability fell by 6 to 48 of 100." */
  text: string;
}

export interface PromiseLine {
  party: PartyId;
  counterparties: PartyId[];
  status: "honoured" | "partial" | "broken";
  text: string;
}

export interface WeekDigest {
  /** The week the digest describes (the one just resolved). */
  round: number;
  events: Array<{ id: string; title: string }>;
  changes: TrackChange[];
  promises: PromiseLine[];
  flareUps: number;
  /** Everything above as a short list of sentences, most important first. */
  lines: string[];
}

function amount(m: Measure, n: number): string {
  switch (m.unit) {
    case "%":
      return `${forPeople(n)}%`;
    case "trucks":
      return `${forPeople(n)} ${plural("truck", n)} a day`;
    case "troops":
      return `${forPeople(n)} ${plural("troop", n)}`;
    case "$bn":
      return `$${forPeople(n)}bn`;
    default:
      return forPeople(n);
  }
}

function changeSentence(scenario: Scenario, m: Measure, before: number, after: number): string {
  const up = after > before;
  const by = Math.abs(after - before);
  const of = typeof m.of === "function" ? m.of(scenario) : m.of;
  // "ISF troops rose by 500 to 2,500": the name already says what is counted.
  const bare = m.unit === "troops";
  const to = of !== undefined ? outOf(after, of) : bare ? forPeople(after) : amount(m, after);
  const step = m.unit === "%" ? `${forPeople(by)} points` : m.unit && !bare ? amount(m, by) : forPeople(by);
  const name = m.name.charAt(0).toUpperCase() + m.name.slice(1);
  // "Aid rose by 50 trucks a day to 350 trucks a day" reads badly: say the level only.
  if (m.unit === "trucks") return `${name} ${up ? "rose" : "fell"} to ${to}.`;
  return `${name} ${up ? "rose" : "fell"} by ${step} to ${to}.`;
}

/** The tracks at the start of a week: the previous week's close, or the scenario's start. */
function tracksBefore(scenario: Scenario, history: readonly RoundRecord[], index: number): Record<TrackKey, number> {
  const prev = history[index - 1];
  if (prev) return prev.tracks;
  return Object.fromEntries(Object.entries(scenario.tracks).map(([k, spec]) => [k, spec.start])) as Record<TrackKey, number>;
}

/**
 * The digest of week `round` from the public history and news, or null if that week has not been
 * resolved. The changes include the week's own event, which moved the tracks at its start.
 */
export function weekDigest(scenario: Scenario, view: { history: readonly RoundRecord[]; news: readonly NewsItem[] }, round: number): WeekDigest | null {
  const index = view.history.findIndex((r) => r.round === round);
  const record = view.history[index];
  if (!record) return null;
  const before = tracksBefore(scenario, view.history, index);
  const after = record.tracks;

  const changes: TrackChange[] = [];
  for (const m of MEASURES) {
    const a = m.value(before);
    const b = m.value(after);
    if (Math.abs(Math.round(b) - Math.round(a)) < m.minStep) continue;
    changes.push({ id: m.id, before: a, after: b, text: changeSentence(scenario, m, a, b) });
  }

  const promises: PromiseLine[] = view.news
    .filter((n) => n.round === round && n.kind === "commitment" && n.status !== undefined && n.status !== "pending" && n.parties[0] !== undefined)
    .map((n) => ({ party: n.parties[0]!, counterparties: n.parties.slice(1), status: n.status as PromiseLine["status"], text: n.text }));

  const events = record.eventIds.map((id) => ({ id, title: scenario.events.find((e) => e.id === id)?.title ?? id }));
  const flareUps = Math.max(0, Math.round(after.flareUps - before.flareUps));

  const lines: string[] = [];
  if (events.length) lines.push(`The week's ${events.length > 1 ? "events" : "event"}: ${listing(events.map((e) => e.title))}.`);
  if (flareUps > 0) lines.push(capitalise(`${count(flareUps, "flare-up")} at the withdrawal line.`));
  // Broken and partly kept promises in full: they are what the table will talk about.
  for (const p of promises) if (p.status !== "honoured") lines.push(p.text);
  const kept = promises.filter((p) => p.status === "honoured");
  if (kept.length) {
    const byParty = PARTY_IDS.filter((q) => kept.some((p) => p.party === q)).map((q) => ({ q, n: kept.filter((p) => p.party === q).length }));
    const who = byParty.map(({ q, n }) => (n > 1 ? `${partyName(scenario, q)} (${n})` : partyName(scenario, q)));
    lines.push(capitalise(`${count(kept.length, "promise")} kept: ${listing(who)}.`));
  } else if (!promises.length) lines.push("No promises fell due.");
  lines.push(...changes.map((c) => c.text));
  if (!changes.length) lines.push("No track moved by more than a point.");
  for (const n of view.news) if (n.round === round && n.kind === "phase") lines.push(n.text);
  return { round, events, changes, promises, flareUps, lines };
}
