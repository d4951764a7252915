// Leverage: how much a party still holds that others want, 0–10. Shown only to the party itself
// and used by bots; it falls as a party gives away what it held (hostages, territory, troops).
import type { PartyId } from "./ids.ts";
import type { GameState } from "./state.ts";
import { isfTroops } from "./metrics.ts";

const clamp10 = (v: number) => Math.round(Math.min(10, Math.max(0, v)) * 10) / 10;

export function computeLeverage(s: GameState, party: PartyId): number {
  const t = s.tracks;
  switch (party) {
    case "hamas":
      return clamp10((20 - t.hostagesReleased) / 4 + (28 - t.remainsReturned) / 14 + (100 - (t.disarmHeavy + t.disarmSmallArms) / 2) / 25);
    case "israel":
      return clamp10(t.israeliControl / 10 + (1950 - t.detaineesReleased) / 650 + (t.aidCrossingLimit < 600 ? 2 : 0));
    case "mediators":
      return clamp10(5 + s.trust.israel.mediators / 40 + (t.qatarGuarantee ? 0 : 1) + (t.turkiyeJetSale ? 0 : 1));
    case "qatar":
      return clamp10(2 + s.trust.hamas.qatar / 15 + (t.reconstructionFunds < 20 ? 2 : 0));
    case "turkiye":
      return clamp10(2 + s.trust.hamas.turkiye / 15 + t.isfTurkiye / 1000);
    case "board_of_peace":
      return clamp10(t.boardMembers / 3 + t.reconstructionFunds / 10 + isfTroops(s) / 4000);
  }
}
