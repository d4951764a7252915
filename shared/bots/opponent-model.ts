// At `hard`, a bot learns what each other party values from how it answered offers: terms it
// accepted to receive gain weight, terms it refused to give lose weight. The learned weights
// adjust the public estimate of that party's gain from a package.
import type { PartyId } from "../ids.ts";
import type { Offer } from "../state.ts";
import type { TableView } from "../views.ts";

export class OpponentModel {
  private weights = new Map<string, number>();
  private seen = new Set<number>();

  /** Reads the answers visible in the bot's own view; each offer is learned from once. */
  observe(view: TableView, me: PartyId): void {
    for (const offer of view.offers) {
      if (this.seen.has(offer.id) || offer.status === "open") continue;
      this.seen.add(offer.id);
      this.learn(offer, me);
    }
  }

  private learn(offer: Offer, me: PartyId): void {
    const answered = offer.status === "accepted" ? offer.recipients : offer.closedBy ? [offer.closedBy] : [];
    for (const q of answered) {
      if (q === me) continue;
      const accepted = offer.status === "accepted";
      for (const o of offer.obligations) {
        const gives = o.party === q;
        // Accepting shows it values what it receives and can bear what it gives; refusing, the reverse.
        const delta = accepted ? (gives ? 0.3 : 1) : gives ? -1 : -0.3;
        this.bump(q, o.term.kind, delta);
      }
    }
  }

  private bump(party: PartyId, kind: string, delta: number): void {
    const k = `${party}:${kind}`;
    this.weights.set(k, Math.max(-4, Math.min(4, (this.weights.get(k) ?? 0) + delta)));
  }

  /** Correction to the estimated value of a term to `party`, in utility points. */
  adjustment(party: PartyId, kind: string): number {
    return (this.weights.get(`${party}:${kind}`) ?? 0) * 1.5;
  }
}
