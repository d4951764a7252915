// The Board's red line on deployment ("no deployment before the force has a mandate and enough troops
// to hold it") binds what the force does, when it does it: a mandate set the same week comes first,
// a zone the force cannot enter crosses nothing, and sending it in with no mandate at all crosses the
// line. The review's warning judges a decision the way the week will.
import { describe, expect, it } from "vitest";
import { decisionWarnings } from "../../shared/decision-warnings.ts";
import { emptyDecision } from "../../shared/decisions.ts";
import type { Decision } from "../../shared/index.ts";
import { phaseTwo, scenario, type Table } from "../helpers/game.ts";

const line = scenario.parties.board_of_peace.redLines.find((l) => l.term === "deploy_zone")!.text;

function withTroops(troops: number, seed = 1): Table {
  const t = phaseTwo({ seed });
  t.state.tracks.isfTurkiye = troops;
  t.readyAll();
  return t;
}

/** The Board's pressure after the week and whether the news reported the line crossed. */
function boardWeek(t: Table, board: Partial<Decision>): { crossed: boolean; pressure: number } {
  t.decideAll({ board_of_peace: board });
  const week = t.state.history.at(-1)!.round;
  return {
    crossed: t.state.news.some((n) => n.round === week && n.parties.includes("board_of_peace") && n.text.includes(line)),
    pressure: t.state.parties.board_of_peace.pressureByWeek.at(-1)!,
  };
}

const warned = (t: Table, d: Partial<Decision>) =>
  decisionWarnings(scenario, t.state, "board_of_peace", { ...emptyDecision(), ...d }).some((w) => w.kind === "red_line" && w.text.includes(line));

describe("the Board's red line on deployment", () => {
  it("is not crossed by setting a mandate and deploying in the same week, with troops for the zone", () => {
    const d = { mandate: "monitor" as const, zones: ["north" as const] };
    const t = withTroops(2000);
    expect(warned(t, d)).toBe(false);
    const week = boardWeek(t, d);
    expect(t.state.isfZones).toContain("north");
    expect(week.crossed).toBe(false);
  });

  it("is crossed by sending the force in with no mandate, and the review warns of it", () => {
    const d = { zones: ["north" as const] };
    const t = withTroops(2000);
    expect(warned(t, d)).toBe(true);
    const crossing = boardWeek(t, d);
    expect(crossing.crossed).toBe(true);
    // Same seed, same week, with the mandate set first: lower pressure at home.
    const mandated = boardWeek(withTroops(2000), { mandate: "monitor", zones: ["north"] });
    expect(crossing.pressure).toBeGreaterThan(mandated.pressure);
  });

  it("is not crossed by a zone the force lacks the troops to enter", () => {
    const d = { zones: ["north" as const] };
    const t = withTroops(0);
    expect(warned(t, d)).toBe(false);
    const week = boardWeek(t, d);
    expect(t.state.isfZones).toEqual([]);
    expect(week.crossed).toBe(false);
  });
});
