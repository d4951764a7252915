// Words for the things on the table. Sentences, terms, amounts and numbers are worded by
// shared/wording.ts, so the page says things exactly as the news, the bots and the exports do.
import type { Scenario } from "../../../shared/scenario-schema.ts";
import type { Obligation, Offer, Term } from "../../../shared/state.ts";
import type { PartyId, TrackKey } from "../../../shared/ids.ts";
import { choiceLabel, forPeople, listing, termLine, trackName } from "../../../shared/wording.ts";

export class Words {
  readonly scenario: Scenario;
  constructor(scenario: Scenario) {
    this.scenario = scenario;
  }

  party(p: PartyId): string {
    return this.scenario.parties[p].shortName;
  }

  fullParty(p: PartyId): string {
    return this.scenario.parties[p].name;
  }

  colour(p: PartyId): string {
    return this.scenario.parties[p].colour;
  }

  /** A choice as a label: "Rafah", "UN", "Weapons buy-back". */
  option(o: string): string {
    return choiceLabel(this.scenario, o);
  }

  /** A term as one line: "Release 300 Palestinian detainees", "Deploy the ISF to Rafah". */
  term(t: Term): string {
    return termLine(this.scenario, t);
  }

  obligation(o: Obligation): string {
    return `${this.party(o.party)} — ${this.term(o.term)}`;
  }

  /** "Israel offers Hamas: …" in one line, for news and timelines. */
  offerSummary(o: Offer): string {
    const gives = o.obligations.filter((x) => x.party === o.proposer).map((x) => this.term(x.term));
    const wants = o.obligations.filter((x) => x.party !== o.proposer).map((x) => `${this.party(x.party)}: ${this.term(x.term)}`);
    const to = listing(o.recipients.map((p) => this.party(p)));
    const give = gives.length ? `gives ${gives.join("; ")}` : "brokers";
    return `${this.party(o.proposer)} → ${to}: ${give}${wants.length ? ` for ${wants.join("; ")}` : ""}`;
  }

  trackLabel(k: TrackKey): string {
    return trackName(this.scenario, k);
  }

  event(id: string): { title: string; text: string; source: string } | null {
    const e = this.scenario.events.find((x) => x.id === id);
    return e ? { title: e.title, text: e.text, source: e.source } : null;
  }

  source(id: string): { fact: string; citation: string } | null {
    return this.scenario.sources.find((s) => s.id === id) ?? null;
  }
}

/** Numbers for people: whole, with thousands separated ("1,950"; "78.19" → "78"). */
export const formatNumber = forPeople;

export const STAGE_WORDS: Record<string, string> = {
  briefing: "Briefing",
  negotiation: "Negotiation",
  decisions: "Decisions",
  ended: "Debrief",
};

export const PHASE_WORDS: Record<1 | 2 | 3, string> = {
  1: "Phase one: exchanges",
  2: "Phase two: stabilisation",
  3: "Phase three: governance",
};

export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
