// The mirror's seats, made after every action in one walk over the people at the table
// (server/seats.ts summaries): each party's names, how many are connected and whether a bot plays
// it, as each seat's own summary says, with who submitted its team's decision.
import { describe, expect, it } from "vitest";
import { Seats } from "../../server/seats.ts";
import { PARTY_IDS } from "../../shared/ids.ts";

describe("every seat's summary at once", () => {
  for (const botsFill of [true, false]) {
    it(`is each seat's own summary, with its submitter (bots fill empty seats: ${botsFill})`, () => {
      const seats = new Seats(botsFill);
      seats.add("s1", "Ada", "israel");
      seats.add("s2", "Ben", "israel");
      seats.add("s3", "Cem", "turkiye");
      seats.add("s4", "Dee", "spectator");
      seats.add("s5", "Eve", "facilitator");
      seats.addPlaceholder("s6", "Fay", "hamas", "hash");
      seats.drop("s2");
      const all = seats.summaries((party) => (party === "israel" ? "Ada" : ""));
      expect(Object.keys(all)).toEqual([...PARTY_IDS]);
      for (const party of PARTY_IDS) expect(all[party]).toEqual({ ...seats.summary(party), submittedBy: party === "israel" ? "Ada" : "" });
      expect(all.israel).toEqual({ names: ["Ada", "Ben"], connected: 1, bot: false, submittedBy: "Ada" });
      expect(all.qatar.bot).toBe(botsFill);
    });
  }
});
