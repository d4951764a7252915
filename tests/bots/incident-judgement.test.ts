// A bot holding a promise to halt strikes weighs an incident at the line before it decides
// (shared/line-incident.ts, shared/bots/commitments.ts): the incident makes keeping dearer and the
// breach cheaper in trust, and the personas weigh it as they weigh the future.
import { describe, expect, it } from "vitest";
import { defaultScenario, type GameState } from "../../shared/index.ts";
import { PERSONAS, PERSONA_PROFILES, judgeCommitments, type Persona } from "../../shared/bots/index.ts";
import { LINE_INCIDENT_CARD } from "../../shared/line-incident.ts";
import { give, Table } from "../helpers/game.ts";

const scenario = defaultScenario();

/** Week 1, decisions: Israel has promised Hamas to halt strikes, Hamas to restrain the armed groups. */
function haltDue(incident: boolean): GameState {
  const t = Table.begin({ seed: 2 });
  t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
  t.readyAll();
  const s = structuredClone(t.state);
  s.roundEvents = s.roundEvents.filter((id) => id !== LINE_INCIDENT_CARD);
  if (incident) s.roundEvents.push(LINE_INCIDENT_CARD);
  return s;
}

const judge = (s: GameState, persona: Persona) => {
  const due = s.commitments.filter((c) => c.party === "israel" && c.term.kind === "halt_strikes");
  const faith = { ...PERSONA_PROFILES[persona], weights: { ...PERSONA_PROFILES[persona].weights, certainty: 1 / 8 } };
  return judgeCommitments(scenario, s, "israel", due, faith)[0]!;
};

describe("a bot holding a promise to halt strikes when an incident comes", () => {
  it("finds breaking it more worth while than in a quiet week, for every persona", () => {
    for (const p of PERSONAS) {
      const quiet = judge(haltDue(false), p);
      const tested = judge(haltDue(true), p);
      expect(tested.gain, p).toBeGreaterThan(quiet.gain);
      expect(tested.future, p).toBeLessThanOrEqual(quiet.future);
      // Never breaks after a quiet week what it keeps after an incident.
      if (quiet.breakIt) expect(tested.breakIt, p).toBe(true);
    }
  });

  it("the hawkish persona is the readier to break it", () => {
    const s = haltDue(true);
    const net = (p: Persona) => {
      const j = judge(s, p);
      return j.gain - j.future - PERSONA_PROFILES[p].honourBias;
    };
    expect(net("hardliner")).toBeGreaterThan(net("pragmatist"));
    expect(net("pragmatist")).toBeGreaterThan(net("dealmaker"));
  });
});
