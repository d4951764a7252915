// Which package a normal bot puts forward: of the packages that meet its own bar with some partner,
// the one with the largest product of both sides' gains (the bot's value times its estimate of the
// partner's) — not the one the partner likes best however little it brings the bot.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { apply } from "../../shared/apply.ts";
import type { Action } from "../../shared/actions.ts";
import { NegotiatorBot, enoughAgreed, proposals, proposeFloor, valuation, type BotConfig } from "../../shared/bots/index.ts";
import { key } from "../../shared/bots/package-search.ts";
import { PERSONAS } from "../../shared/bots/persona.ts";
import { Table, phaseTwo, scenario } from "../helpers/game.ts";

const packageKey = (obligations: ReadonlyArray<{ party: PartyId; term: object }>) => obligations.map((o) => key(o as never)).sort().join("|");

describe("the package a normal bot proposes", () => {
  it("is, among those meeting its bar that it may put forward, the one both sides gain most from together", () => {
    let checked = 0;
    let notFavourite = 0;
    for (const table of [Table.begin({ seed: 3 }), Table.begin({ seed: 8 }), phaseTwo({ seed: 5 }), phaseTwo({ seed: 11 })])
      for (const party of PARTY_IDS.filter((p) => p !== "mediators"))
        for (const persona of PERSONAS) {
          const config: BotConfig = { party, persona, difficulty: "normal", seed: 7 };
          const view = viewFor(scenario, table.state, party);
          const move = new NegotiatorBot(config).negotiate(scenario, view);
          if (move.intent.type !== "propose") continue;
          const v = valuation(config, scenario, view);
          const chosen = packageKey(move.intent.obligations);
          const product = (p: { a: number; b: number }) => p.a * p.b;
          let chosenProduct: number | null = null;
          let best = -Infinity;
          let partnerFavourite: string | null = null;
          let favouriteB = -Infinity;
          for (const partner of PARTY_IDS) {
            if (partner === party || enoughAgreed(v, partner)) continue;
            const floor = proposeFloor(v, partner);
            if (floor === null) continue;
            for (const p of proposals(v, partner, floor)) {
              const obligations = [...p.give, ...p.want];
              const legal = apply(scenario, v.belief, { type: "propose", by: party, to: [partner], obligations, note: "" } as Action).ok;
              if (!legal) continue;
              if (packageKey(obligations) === chosen) chosenProduct = product(p);
              best = Math.max(best, product(p));
              if (p.b > favouriteB) [favouriteB, partnerFavourite] = [p.b, packageKey(obligations)];
            }
          }
          expect(chosenProduct).not.toBeNull();
          expect(chosenProduct!).toBeCloseTo(best, 9);
          if (partnerFavourite !== chosen) notFavourite++;
          checked++;
        }
    expect(checked).toBeGreaterThan(10);
    // The rule makes a difference: the partner's favourite is often not what the bot puts forward.
    expect(notFavourite).toBeGreaterThan(0);
  });
});
