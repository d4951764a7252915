// An incident at the withdrawal line between the talks and the secret decisions (shared/line-incident.ts):
// drawn from the table's state, the same on a replay, never without troops at the line, in every
// party's news before anyone decides; holding fire through it costs at home, and a restraint broken
// after it costs less trust than one broken in a quiet week.
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { replay, viewFor, type GameState } from "../../shared/index.ts";
import { LINE_INCIDENT_CARD, incidentThisWeek, lineIncidentChance } from "../../shared/line-incident.ts";
import { give, scenario, Table } from "../helpers/game.ts";

/** The first seeds whose week-one talks close with an incident at the line (and, separately, without one). */
function seedsAtClose(wanted: boolean, n: number): number[] {
  const found: number[] = [];
  for (let seed = 1; found.length < n && seed < 400; seed++) if (incidentThisWeek(Table.begin({ seed }).readyAll().state) === wanted) found.push(seed);
  return found;
}

/** A copy of the table's state with this week's cards set by hand: with or without the incident, nothing else changed. */
function withIncident(t: Table, incident: boolean): Table {
  const s: GameState = structuredClone(t.state);
  // Trust high enough that what a broken promise costs shows (trust cannot fall below 0).
  s.trust.hamas.israel = Math.max(s.trust.hamas.israel, 50);
  s.roundEvents = s.roundEvents.filter((id) => id !== LINE_INCIDENT_CARD);
  if (incident) s.roundEvents.push(LINE_INCIDENT_CARD);
  t.state = s;
  return t;
}

describe("when an incident at the line comes", () => {
  it("comes only as the talks close, and the same table draws the same incident on a replay", () => {
    const [seed] = seedsAtClose(true, 1);
    expect(seed).toBeDefined();
    const t = Table.begin({ seed: seed! });
    expect(incidentThisWeek(t.state)).toBe(false);
    t.readyAll();
    expect(t.state.stage).toBe("decisions");
    expect(incidentThisWeek(t.state)).toBe(true);
    const again = replay(scenario, { scenarioId: scenario.id, options: t.options, actions: t.log });
    expect(again.ok && JSON.stringify(again.value)).toBe(JSON.stringify(t.state));
  });

  it("is likelier with more troops at the line and less trust, never with none at the line, and less likely with a deployed force", () => {
    const t = Table.begin({ seed: 3 });
    const at = (edit: (s: GameState) => void) => {
      const s = structuredClone(t.state);
      edit(s);
      return lineIncidentChance(scenario, s);
    };
    const trusting = (s: GameState) => {
      s.trust.israel.hamas = 60;
      s.trust.hamas.israel = 60;
    };
    const tense = at((s) => {
      s.trust.israel.hamas = 10;
      s.trust.hamas.israel = 10;
    });
    expect(tense).toBeGreaterThan(at(trusting));
    expect(at((s) => (s.tracks.israeliControl = 50))).toBeGreaterThan(at((s) => (s.tracks.israeliControl = 20)));
    expect(at((s) => (s.tracks.israeliControl = 0))).toBe(0);
    const deployed = at((s) => {
      s.tracks.isfMandate = 2;
      s.isfZones = ["rafah", "khan_younis"] as GameState["isfZones"];
    });
    expect(deployed).toBeLessThan(at(() => {}));
  });

  it("never comes with no troops at the line", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const t = Table.begin({ seed });
      t.state = { ...structuredClone(t.state), tracks: { ...t.state.tracks, israeliControl: 0 } };
      expect(incidentThisWeek(t.readyAll().state), `seed ${seed}`).toBe(false);
    }
  });

  it("is less likely when Hamas has just promised to restrain the armed groups", () => {
    const quiet = Table.begin({ seed: 5 });
    const promised = Table.begin({ seed: 5 });
    promised.deal("israel", ["hamas"], [give("hamas", "restrain_factions"), give("israel", "release_detainees", 100)]);
    expect(lineIncidentChance(scenario, promised.state)).toBeLessThan(lineIncidentChance(scenario, quiet.state));
  });
});

describe("what every party sees", () => {
  it("is in the news and in every seat's view of the week before anyone decides", () => {
    const [seed] = seedsAtClose(true, 1);
    const t = Table.begin({ seed: seed! }).readyAll();
    expect(PARTY_IDS.every((p) => t.state.parties[p].decision === null)).toBe(true);
    const card = scenario.events.find((e) => e.id === LINE_INCIDENT_CARD)!;
    expect(t.state.news.some((n) => n.round === t.state.round && n.kind === "event" && n.text.startsWith(card.title))).toBe(true);
    for (const p of PARTY_IDS) expect(viewFor(scenario, t.state, p).roundEvents).toContain(LINE_INCIDENT_CARD);
  });
});

describe("keeping a restraint through an incident", () => {
  const halt = (seed: number) => {
    const t = Table.begin({ seed });
    t.deal("israel", ["hamas"], [give("israel", "halt_strikes"), give("hamas", "restrain_factions")]);
    return t.readyAll();
  };

  it("costs Israel's government at home to hold its fire, and a limited strike answers the coalition", () => {
    const [seed] = seedsAtClose(false, 1);
    const calm = withIncident(halt(seed!), false).decideAll();
    const tested = withIncident(halt(seed!), true).decideAll();
    expect(tested.state.parties.israel.pressure).toBeGreaterThan(calm.state.parties.israel.pressure);

    const noStrike = withIncident(Table.begin({ seed: seed! }).readyAll(), false).decideAll({ israel: { moves: ["israel_limited_strike"] } });
    const answered = withIncident(Table.begin({ seed: seed! }).readyAll(), true).decideAll({ israel: { moves: ["israel_limited_strike"] } });
    expect(answered.state.parties.israel.pressure).toBeLessThan(noStrike.state.parties.israel.pressure);
  });

  it("broken after an incident, costs the partner's trust less than broken in a quiet week", () => {
    const [seed] = seedsAtClose(false, 1);
    const breakIt = (t: Table) => {
      const id = t.state.commitments.find((c) => c.party === "israel" && c.term.kind === "halt_strikes")!.id;
      return t.decideAll({ israel: { breaks: [id] } });
    };
    const quiet = breakIt(withIncident(halt(seed!), false));
    const tested = breakIt(withIncident(halt(seed!), true));
    expect(quiet.state.commitments.find((c) => c.term.kind === "halt_strikes")!.status).toBe("broken");
    expect(tested.state.trust.hamas.israel).toBeGreaterThan(quiet.state.trust.hamas.israel);
    // A promise that is not a restraint is judged the same whatever happened at the line.
    const aid = (incident: boolean) => {
      const t = Table.begin({ seed: seed! });
      t.deal("israel", ["hamas"], [give("israel", "open_crossings", 600), give("hamas", "restrain_factions")]);
      const u = withIncident(t.readyAll(), incident);
      const id = u.state.commitments.find((c) => c.party === "israel")!.id;
      return u.decideAll({ israel: { breaks: [id] } }).state.trust.hamas.israel;
    };
    expect(aid(true)).toBe(aid(false));
  });
});
