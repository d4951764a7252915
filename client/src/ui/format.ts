// Words for the things on the table, taken from the scenario's own labels wherever it has them.
import type { Scenario } from "../../../shared/scenario-schema.ts";
import type { Obligation, Offer, Term } from "../../../shared/state.ts";
import { isPartyId, type PartyId, type TrackKey } from "../../../shared/ids.ts";

const OPTION_WORDS: Record<string, string> = {
  heavy: "heavy weapons",
  tunnels: "tunnels",
  small_arms: "small arms",
  amnesty: "amnesty",
  buy_back: "buy-back",
  reintegration: "reintegration",
  independent_monitors: "independent monitors",
  security_guarantees: "security guarantees",
  political_horizon: "political horizon",
  monitor: "monitor",
  stabilise: "stabilise",
  enforce: "enforce",
  north: "North",
  gaza_city: "Gaza City",
  central: "Central camps",
  khan_younis: "Khan Younis",
  rafah: "Rafah",
  arab_states: "Arab states",
  europe: "Europe",
  un: "the UN",
};

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

  option(o: string): string {
    if (isPartyId(o)) return this.party(o);
    return OPTION_WORDS[o] ?? o.replace(/_/g, " ");
  }

  term(t: Term): string {
    const spec = this.scenario.terms[t.kind];
    if (spec.param.type === "amount") return `${spec.label}: ${formatNumber(t.amount ?? 0)} ${spec.param.unit}`;
    if (spec.param.type === "choice") return `${spec.label}: ${this.option(t.option ?? "")}`;
    return spec.label;
  }

  obligation(o: Obligation): string {
    return `${this.party(o.party)} — ${this.term(o.term)}`;
  }

  /** "Israel offers Hamas: …" in one line, for news and timelines. */
  offerSummary(o: Offer): string {
    const gives = o.obligations.filter((x) => x.party === o.proposer).map((x) => this.term(x.term));
    const wants = o.obligations.filter((x) => x.party !== o.proposer).map((x) => `${this.party(x.party)}: ${this.term(x.term)}`);
    const to = o.recipients.map((p) => this.party(p)).join(", ");
    const give = gives.length ? `gives ${gives.join("; ")}` : "brokers";
    return `${this.party(o.proposer)} → ${to}: ${give}${wants.length ? ` for ${wants.join("; ")}` : ""}`;
  }

  trackLabel(k: TrackKey): string {
    return this.scenario.tracks[k].label.replace(/\s*\(.*\)$/, "");
  }

  event(id: string): { title: string; text: string; source: string } | null {
    const e = this.scenario.events.find((x) => x.id === id);
    return e ? { title: e.title, text: e.text, source: e.source } : null;
  }

  source(id: string): { fact: string; citation: string } | null {
    return this.scenario.sources.find((s) => s.id === id) ?? null;
  }
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-GB") : n.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

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
