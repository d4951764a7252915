// The record over the wire (docs/PROTOCOL.md, "The record"): a seat reads the earlier weeks that
// left its synced window page by page — every item it may see, exactly once — and nothing it may
// not: no other seat's private messages or offers, no secrets. A bad request gets a clear error and
// changes nothing; a flood of requests is rate limited like any other message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { stateFromView } from "../../shared/view-state.ts";
import { candidateTerms } from "../../shared/policies/index.ts";
import type { RecordReply } from "../../shared/protocol.ts";
import type { RecordKind, RecordPage } from "../../shared/record.ts";
import type { Viewer } from "../../shared/ids.ts";
import { expectOk, Player, publicPart, startHarness, synced, until, type Harness } from "./harness.ts";

const scenario = defaultScenario();
let counter = 0;

async function ask(p: Player, query: Record<string, unknown>): Promise<RecordReply> {
  const requestId = `rec-${++counter}`;
  return (await p.sendRaw("record", { requestId, ...query }, requestId)) as unknown as RecordReply;
}

/** Every item of `kind` `p` may read, `limit` at a time. */
async function readAll(p: Player, kind: RecordKind, limit: number, week?: number): Promise<{ items: unknown[]; pages: RecordPage[] }> {
  const pages: RecordPage[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const reply = await ask(p, { kind, cursor, limit, ...(week !== undefined ? { week } : {}) });
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    pages.push(reply.page);
    cursor = reply.page.next;
  }
  return { items: pages.flatMap((page) => page.items), pages };
}

const long = (who: string, i: number) => `${who} statement ${i}: `.padEnd(480, "we ask every party to keep the crossings open and the schedule as agreed; ");

describe("reading the record of a table", () => {
  let h: Harness;
  let host: Player;
  let israel: Player;
  let hamas: Player;
  let qatar: Player;
  let wall: Player;

  beforeAll(async () => {
    h = await startHarness();
    host = await Player.create(h, { name: "Teacher", seat: "facilitator", rounds: 6, botsFillEmptySeats: false, negotiationSeconds: 3600, decisionSeconds: 3600 });
    await host.ready();
    israel = await Player.join(h, host.code, { name: "Isa", seat: "israel" });
    hamas = await Player.join(h, host.code, { name: "Ham", seat: "hamas" });
    qatar = await Player.join(h, host.code, { name: "Qat", seat: "qatar" });
    wall = await Player.join(h, host.code, { name: "Wall", seat: "spectator" });
    expectOk(await host.command({ type: "begin" }));
    await synced(h, [host, israel, hamas, qatar, wall]);
    // Week 1: private dealings between Israel and Hamas, and public statements.
    const state = stateFromView(israel.myView!);
    const give = candidateTerms(scenario, state, "israel")[0]!;
    const want = candidateTerms(scenario, state, "hamas")[0]!;
    expectOk(await israel.intent({ type: "propose", to: ["hamas"], obligations: [{ party: "israel", term: give }, { party: "hamas", term: want }], note: "NOTE-ISR-HAM" }));
    for (let i = 0; i < 3; i++) expectOk(await hamas.intent({ type: "message", to: "israel", text: `MARKER-HAM-ISR-${i}` }));
    for (let i = 0; i < 12; i++) expectOk(await qatar.intent({ type: "statement", text: long("qatar week 1", i) }));
    expectOk(await host.command({ type: "advance" }));
    expectOk(await host.command({ type: "advance" }));
    // Week 2: enough said in public that week 1 leaves everyone's synced window.
    for (let i = 0; i < 24; i++) expectOk(await (i % 2 ? qatar : hamas).intent({ type: "statement", text: long("week 2", i) }));
    await synced(h, [host, israel, hamas, qatar, wall]);
  }, 60_000);

  afterAll(async () => {
    await h.shutdown();
  });

  const engine = () => h.table(host.code).session.pipeline.state;
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

  it("a seat reads every earlier item it may see, exactly once, whatever the page size", async () => {
    const view = israel.myView!;
    // The synced window left the first week out: the record is the only place it is.
    expect(view.recordOnly?.messages).toBeGreaterThan(0);
    expect(view.messages.some((m) => m.text.startsWith("MARKER-HAM-ISR"))).toBe(false);
    const whole = plain(viewFor(scenario, engine(), "israel"));
    for (const limit of [1, 7, 100]) {
      const { items, pages } = await readAll(israel, "messages", limit);
      expect(items).toEqual(whole.messages);
      expect(pages.every((p) => p.items.length <= limit && p.total === whole.messages.length)).toBe(true);
    }
    // The window is the newest of those items, and the count left out is what the record adds.
    expect(view.messages).toEqual(whole.messages.slice(-view.messages.length));
    expect(view.recordOnly!.messages).toBe(whole.messages.length - view.messages.length);
    // One week at a time.
    const week1 = await readAll(israel, "messages", 50, 1);
    expect(week1.items).toEqual(whole.messages.filter((m: { round: number }) => m.round === 1));
    expect(week1.items.map((m) => (m as { text: string }).text).filter((t) => t.startsWith("MARKER-HAM-ISR"))).toHaveLength(3);
    for (const kind of ["offers", "commitments", "news", "history"] as const) expect((await readAll(israel, kind, 5)).items, kind).toEqual(whole[kind]);
  });

  it("the record shows each seat only what it may see", async () => {
    const readers: Array<[Player, Viewer]> = [[qatar, "qatar"], [wall, "spectator"], [hamas, "hamas"], [host, "facilitator"]];
    for (const [p, viewer] of readers) {
      const whole = plain(viewFor(scenario, engine(), viewer));
      for (const kind of ["messages", "offers", "commitments"] as const) expect((await readAll(p, kind, 20)).items, `${viewer} ${kind}`).toEqual(whole[kind]);
    }
    const qatarText = JSON.stringify([(await readAll(qatar, "messages", 100)).items, (await readAll(qatar, "offers", 100)).items, (await readAll(qatar, "commitments", 100)).items]);
    expect(qatarText).not.toMatch(/MARKER-HAM-ISR|NOTE-ISR-HAM/);
    const wallMessages = (await readAll(wall, "messages", 100)).items as Array<{ to: string }>;
    expect(wallMessages.length).toBeGreaterThan(30);
    expect(wallMessages.every((m) => m.to === "all")).toBe(true);
    expect((await readAll(wall, "offers", 100)).items).toEqual([]);
    // Hamas, party to them, does read them; so the checks above are not vacuous.
    expect(JSON.stringify((await readAll(hamas, "messages", 100)).items)).toMatch(/MARKER-HAM-ISR-2/);
    expect(JSON.stringify((await readAll(hamas, "offers", 100)).items)).toMatch(/NOTE-ISR-HAM/);
    // There is no record of secrets to ask for.
    const secrets = await ask(qatar, { kind: "private" });
    expect(secrets.ok).toBe(false);
  });

  it("a bad request gets a clear error and changes nothing", async () => {
    const before = publicPart(host.state);
    const log = h.table(host.code).session.pipeline.log.actions.length;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ kind: "secrets" }, "kind"],
      [{ kind: "messages", week: 0 }, "week"],
      [{ kind: "messages", week: 5 }, "week"],
      [{ kind: "messages", cursor: 100_000 }, "cursor"],
      [{ kind: "messages", cursor: -1 }, "cursor"],
      [{ kind: "messages", limit: 1000 }, "limit"],
      [{ kind: "messages", limit: 0 }, "limit"],
      [{ kind: "messages", week: "one" }, "week"],
      [{ kind: "messages", viewer: "facilitator" }, ""],
      [{}, "kind"],
    ];
    for (const [query, field] of bad) {
      const reply = await ask(israel, query);
      expect(reply.ok, JSON.stringify(query)).toBe(false);
      if (reply.ok) continue;
      expect(reply.error.code).toBe("bad_payload");
      expect(reply.error.message.length).toBeGreaterThan(10);
      if (field) expect(reply.error.message).toContain(field);
    }
    const unlabelled = await israel.sendRaw("record", "give me everything");
    expect(unlabelled.ok).toBe(false);
    await synced(h, [host]);
    expect(publicPart(host.state)).toBe(before);
    expect(h.table(host.code).session.pipeline.log.actions.length).toBe(log);
    expect(israel.left).toBeNull();
  });
});

describe("a flood of record requests", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimit: { perSecond: 20, burst: 40 } });
  });
  afterAll(async () => {
    await h.shutdown();
  });

  it("is rate limited like any other message, without a disconnect", async () => {
    const host = await Player.create(h, { name: "Host", seat: "israel", rounds: 6 });
    await host.ready();
    const flood = 120;
    for (let i = 0; i < flood; i++) host.room.send("record", { requestId: `flood-${i}`, kind: "news" });
    await until(null, "every request answered", () => [...host.replies.keys()].filter((k) => k.startsWith("flood-")).length === flood);
    const replies = [...host.replies.entries()].filter(([k]) => k.startsWith("flood-")).map(([, r]) => r as unknown as RecordReply);
    const limited = replies.filter((r) => !r.ok && r.error.code === "rate_limited");
    expect(limited.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(host.left).toBeNull();
  });
});
