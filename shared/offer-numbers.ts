// The numbers people see on offers. Offer ids are counted across the whole table, and a seat sees
// only the offers it is part of: showing ids would number a player's offers 1, 3, 4, 25 and so tell
// them how many offers they cannot see. Each viewer's offers are numbered 1, 2, 3… instead, in the
// order they were made, so the numbers say nothing about anyone else's.
import type { Offer } from "./state.ts";

/**
 * Offer id → the number this viewer sees, for the offers in the viewer's own view. `earlier`: how
 * many of the viewer's offers come before these and are not among them (a view's window holds the
 * newest offers; the older ones are in the record).
 */
export function offerNumbers(offers: readonly Pick<Offer, "id">[], earlier = 0): Map<number, number> {
  const ids = offers.map((o) => o.id).sort((a, b) => a - b);
  return new Map(ids.map((id, i) => [id, earlier + i + 1]));
}

/**
 * Offer id → number for the offers of a view's window: the places the window gives (it kept older
 * open offers among the newest), or else the window numbered after the `earlier` left to the record.
 */
export function windowOfferNumbers(view: { offers: readonly Pick<Offer, "id">[]; offerPlaces?: readonly number[]; recordOnly?: { offers: number } }): Map<number, number> {
  const places = view.offerPlaces;
  if (places && places.length === view.offers.length) return new Map(view.offers.map((o, i) => [o.id, places[i]!]));
  return offerNumbers(view.offers, view.recordOnly?.offers ?? 0);
}
