// A bot does not put its name to a promise it can see it could keep only in part this week (a
// withdrawal beyond what the stabilisation force can take over): it turns such a package down
// saying so in words, and never proposes one.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { NegotiatorBot, proposals, valuation, type BotConfig } from "../../shared/bots/index.ts";
import { shortPromise } from "../../shared/bots/deliverable.ts";
import { PERSONAS } from "../../shared/bots/persona.ts";
import { RAW_NUMBER } from "../../shared/bots/tournament.ts";
import { beliefState } from "../../shared/bots/belief.ts";
import { give, phaseTwo, scenario } from "../helpers/game.ts";

describe("promises a bot could keep only in part", () => {
  it("are turned down with the reason in words, by every persona", () => {
    const t = phaseTwo({ seed: 5 });
    const obligations = [give("israel", "withdraw", 30), give("hamas", "restrain_factions")];
    // The rules would take this withdrawal only in part this week.
    expect(shortPromise(scenario, t.state, "israel", obligations)).not.toBeNull();
    const id = t.propose("hamas", ["israel"], obligations);
    for (const persona of PERSONAS) {
      const bot = new NegotiatorBot({ party: "israel", persona, difficulty: "normal", seed: 5 });
      const move = bot.negotiate(scenario, viewFor(scenario, t.state, "israel"));
      expect(move.intent).toMatchObject({ type: "reject", offerId: id });
      expect(move.reason).toMatch(/withdraw.*we could deliver (nothing|only \d+% of the strip) this week/);
      expect(move.reason).not.toMatch(RAW_NUMBER);
    }
  });

  it("are never among the packages a bot proposes", () => {
    const t = phaseTwo({ seed: 5 });
    let checked = 0;
    for (const persona of PERSONAS) {
      const config: BotConfig = { party: "israel", persona, difficulty: "normal", seed: 5 };
      const v = valuation(config, scenario, viewFor(scenario, t.state, "israel"));
      const belief = beliefState(viewFor(scenario, t.state, "israel"), "israel");
      for (const partner of PARTY_IDS.filter((p) => p !== "israel"))
        for (const p of proposals(v, partner, 0)) {
          expect(shortPromise(scenario, belief, "israel", p.give)).toBeNull();
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
