// The wording module: every term, party and amount, singular and plural, reads like an editor
// wrote it — names keep their capitals, plurals agree, numbers are rounded for people.
import { describe, expect, it } from "vitest";
import { defaultScenario, PARTY_IDS, TERM_KINDS, type PartyId, type Term, type TermKind } from "../../shared/index.ts";
import {
  amountWords,
  approx,
  brokeSentence,
  choiceLabel,
  choiceWords,
  count,
  forPeople,
  gameTallySentence,
  keptSentence,
  listing,
  outOf,
  partlyKeptSentence,
  partyName,
  partyPossessive,
  partySubject,
  pledgeSentence,
  signed,
  termLine,
  termPhrase,
  zonesDeployedSentence,
} from "../../shared/wording.ts";

const scenario = defaultScenario();

/** Every term a party could promise, at the smallest and largest amount or with every choice. */
function everyTerm(): Term[] {
  const terms: Term[] = [];
  for (const kind of TERM_KINDS) {
    const param = scenario.terms[kind].param;
    if (param.type === "amount") terms.push({ kind, amount: param.min }, { kind, amount: param.max });
    else if (param.type === "choice") for (const option of param.options) terms.push({ kind, option });
    else terms.push({ kind });
  }
  return terms;
}

/** What a careless template would leave in a sentence. */
const SLOPPY = [/\(s\)/, /\b\d+\.\d{2,}/, /_/, /\bundefined\b/, /\bNaN\b/, /\bisf\b/, /\bpalestinian\b/, /\bqatar\b/, /\bisrael\b/, /\bhamas\b/, /\beurope\b/, /\btürkiye\b/, /\bun\b/, /\bgaza\b/, /\brafah\b/, /\s{2}/];

describe("numbers for people", () => {
  it.each([
    [78.19, "78"],
    [33.8, "34"],
    [1950, "1,950"],
    [12000, "12,000"],
    [0, "0"],
    [-4.6, "−5"],
    [999.5, "1,000"],
  ])("forPeople(%s) is %s", (n, words) => expect(forPeople(n)).toBe(words));

  it.each([
    [33.8, 100, "34 of 100"],
    [4, 28, "4 of 28"],
    [1950, 1950, "1,950 of 1,950"],
  ])("outOf(%s, %s) is %s", (n, max, words) => expect(outOf(n, max)).toBe(words));

  it.each([
    [2.46, "2.5"],
    [3, "3"],
    [-0.44, "−0.4"],
    [12.6, "13"],
  ])("approx(%s) is %s", (n, words) => expect(approx(n)).toBe(words));

  it.each([
    [5.2, "+5"],
    [-3, "−3"],
    [0.3, "±0"],
  ])("signed(%s) is %s", (n, words) => expect(signed(n)).toBe(words));
});

describe("plurals and lists", () => {
  it.each([
    [0, "flare-up", "no flare-ups"],
    [1, "flare-up", "1 flare-up"],
    [2, "flare-up", "2 flare-ups"],
    [1, "zone", "1 zone"],
    [3, "new zone", "3 new zones"],
    [1, "commitment", "1 commitment"],
  ])("count(%s, %s) is %s", (n, one, words) => expect(count(n, one)).toBe(words));

  it("lists with commas and a final 'and'", () => {
    expect(listing([])).toBe("");
    expect(listing(["Israel"])).toBe("Israel");
    expect(listing(["Israel", "Hamas"])).toBe("Israel and Hamas");
    expect(listing(["Israel", "Hamas", "Qatar"])).toBe("Israel, Hamas and Qatar");
  });

  it.each([
    [0, 0, 0, "Over the game, no commitments were kept and none was broken; there were no flare-ups at the line."],
    [1, 1, 1, "Over the game, 1 commitment was kept and 1 was broken; there was 1 flare-up at the line."],
    [12, 3, 2, "Over the game, 12 commitments were kept and 3 were broken; there were 2 flare-ups at the line."],
  ])("the debrief's tally for %s kept, %s broken, %s flare-ups", (kept, broken, flares, words) => expect(gameTallySentence(kept, broken, flares)).toBe(words));

  it.each([
    [0, "The ISF deployed into no new zones."],
    [1, "The ISF deployed into 1 new zone."],
    [2, "The ISF deployed into 2 new zones."],
  ])("zones deployed: %s", (n, words) => expect(zonesDeployedSentence(n)).toBe(words));
});

describe("parties in sentences", () => {
  const expected: Record<PartyId, { subject: string; inside: string; kept: string; whose: string }> = {
    mediators: { subject: "The Mediators", inside: "the Mediators", kept: "The Mediators kept their promise", whose: "the Mediators'" },
    israel: { subject: "Israel", inside: "Israel", kept: "Israel kept its promise", whose: "Israel's" },
    hamas: { subject: "Hamas", inside: "Hamas", kept: "Hamas kept its promise", whose: "Hamas's" },
    qatar: { subject: "Qatar", inside: "Qatar", kept: "Qatar kept its promise", whose: "Qatar's" },
    turkiye: { subject: "Türkiye", inside: "Türkiye", kept: "Türkiye kept its promise", whose: "Türkiye's" },
    board_of_peace: { subject: "The Board", inside: "the Board", kept: "The Board kept its promise", whose: "the Board's" },
  };
  it.each(PARTY_IDS.map((p) => [p]))("%s: subject, name, agreement and possessive", (p) => {
    const e = expected[p];
    expect(partySubject(scenario, p)).toBe(e.subject);
    expect(partyName(scenario, p)).toBe(e.inside);
    expect(keptSentence(scenario, p, { kind: "host_talks" })).toBe(`${e.kept} to host the talks.`);
    expect(brokeSentence(scenario, p, { kind: "host_talks" })).toMatch(new RegExp(`^${e.subject} broke (its|their) promise to host the talks\\.$`));
    expect(partyPossessive(scenario, p)).toBe(e.whose);
  });
});

describe("every term", () => {
  it.each(everyTerm().map((t) => [`${t.kind} ${t.amount ?? t.option ?? ""}`.trim(), t] as const))("%s reads cleanly in a sentence and as a line", (_name, term) => {
    const phrase = termPhrase(scenario, term);
    for (const p of PARTY_IDS) {
      const sentence = keptSentence(scenario, p, term);
      for (const bad of SLOPPY) expect(sentence, sentence).not.toMatch(bad);
    }
    expect(phrase.charAt(0)).toBe(phrase.charAt(0).toLowerCase());
    const line = termLine(scenario, term);
    expect(line.charAt(0)).toBe(line.charAt(0).toUpperCase());
    if (term.amount !== undefined) expect(phrase).toContain(forPeople(term.amount));
  });

  it("keeps acronyms and names in capitals", () => {
    expect(termPhrase(scenario, { kind: "release_detainees", amount: 1950 })).toBe("release 1,950 Palestinian detainees");
    expect(termPhrase(scenario, { kind: "pledge_troops", amount: 1000 })).toBe("pledge 1,000 troops to the ISF");
    expect(termPhrase(scenario, { kind: "press_party", option: "qatar" })).toBe("press Qatar");
    expect(termPhrase(scenario, { kind: "broaden_coalition", option: "europe" })).toBe("bring Europe in as a supporter of the plan");
    expect(termPhrase(scenario, { kind: "deploy_zone", option: "khan_younis" })).toBe("deploy the ISF to Khan Younis");
  });

  const amounts: Array<[TermKind, number, string]> = [
    ["release_hostages", 1, "1 living hostage"],
    ["release_hostages", 2, "2 living hostages"],
    ["return_remains", 1, "the remains of 1 hostage"],
    ["return_remains", 28, "the remains of 28 hostages"],
    ["release_detainees", 1, "1 Palestinian detainee"],
    ["release_detainees", 1950, "1,950 Palestinian detainees"],
    ["pledge_troops", 1, "1 troop"],
    ["pledge_troops", 250, "250 troops"],
    ["open_crossings", 600, "600 trucks a day"],
    ["withdraw", 15, "15% of the strip"],
    ["fund_reconstruction", 5, "$5bn"],
  ];
  it.each(amounts)("%s × %s is '%s'", (kind, n, words) => expect(amountWords(kind, n)).toBe(words));

  it("every choice of every term has a label with a capital and no underscores", () => {
    for (const kind of TERM_KINDS) {
      const param = scenario.terms[kind].param;
      if (param.type !== "choice") continue;
      for (const o of param.options) {
        expect(choiceLabel(scenario, o)).toMatch(/^[A-ZÀ-Ý]/);
        expect(choiceLabel(scenario, o)).not.toMatch(/_/);
        expect(choiceWords(scenario, o)).not.toMatch(/_/);
      }
    }
  });
});

describe("a promise delivered in part says what happened and why", () => {
  it("remains promised but none located", () => {
    expect(partlyKeptSentence(scenario, "hamas", { kind: "return_remains", amount: 2 }, 0)).toBe(
      "Hamas honoured its promise to return the remains of 2 hostages but could deliver none: no more remains had been located.",
    );
  });
  it("some delivered", () => {
    expect(partlyKeptSentence(scenario, "hamas", { kind: "return_remains", amount: 3 }, 1)).toBe(
      "Hamas honoured its promise to return the remains of 3 hostages but could deliver only the remains of 1 hostage: no more remains had been located.",
    );
  });
  it.each([
    [1000, 1000, "Türkiye pledged 1,000 troops to the ISF; all arrived."],
    [1000, 500, "Türkiye pledged 1,000 troops to the ISF; 500 arrived."],
    [250, 0, "Türkiye pledged 250 troops to the ISF; none arrived yet."],
  ])("pledged %s, %s arrived", (pledged, arrived, words) => expect(pledgeSentence(scenario, "turkiye", pledged, arrived)).toBe(words));
});
