// The views' memos (shared/object-memo.ts) keep their values on the key objects themselves, so the
// states, items and synced lists they are kept on must stay the same data to everything else: the
// log, the wire, copies and comparisons.
import { describe, expect, it } from "vitest";
import { ArraySchema } from "@colyseus/schema";
import { ObjectMemo } from "../../shared/object-memo.ts";
import { defaultScenario } from "../../shared/scenario.ts";
import { PARTY_IDS, type Viewer } from "../../shared/ids.ts";
import { viewFor } from "../../shared/views.ts";
import { toWire } from "../../shared/wire-view.ts";
import { windowView } from "../../shared/view-window.ts";
import { playBusyTable } from "../helpers/busy-table.ts";

describe("a memo kept on its key", () => {
  it("gives each memo its own value, and forgets one without touching the others", () => {
    const json = new ObjectMemo<object, string>();
    const size = new ObjectMemo<object, number>();
    const item = { id: 1, text: "a" };
    expect(json.get(item)).toBeUndefined();
    expect(json.get(item)).toBeUndefined();
    json.set(item, "{}");
    size.set(item, 2);
    expect(json.get(item)).toBe("{}");
    expect(size.get(item)).toBe(2);
    json.set(item, "{ }");
    expect(json.get(item)).toBe("{ }");
    expect(json.delete(item)).toBe(true);
    expect(json.delete(item)).toBe(false);
    expect(json.get(item)).toBeUndefined();
    expect(size.get(item)).toBe(2);
    expect(size.get({ id: 1, text: "a" })).toBeUndefined();
  });

  it("leaves the key the same data to JSON, copies, spreads and comparisons", () => {
    const memo = new ObjectMemo<object, object>();
    const item = { id: 7, to: ["qatar"], text: "hello" };
    const list = [item];
    memo.set(item, { kept: true });
    memo.set(list, { kept: true });
    expect(JSON.stringify(item)).toBe('{"id":7,"to":["qatar"],"text":"hello"}');
    expect(Object.keys(item)).toEqual(["id", "to", "text"]);
    const keys: string[] = [];
    for (const key in item) keys.push(key);
    expect(keys).toEqual(["id", "to", "text"]);
    // A copy is a new object: it does not carry the original's memo.
    expect(memo.get({ ...item })).toBeUndefined();
    expect(memo.get(Object.assign({}, item))).toBeUndefined();
    expect(memo.get(structuredClone(item))).toBeUndefined();
    expect(structuredClone(item)).toEqual(item);
    expect(item).toEqual({ id: 7, to: ["qatar"], text: "hello" });
    expect(list).toEqual([{ id: 7, to: ["qatar"], text: "hello" }]);
    expect(list.slice()).toEqual(list);
  });

  it("works for keys that cannot take a property, and for synced lists behind their proxy", () => {
    const memo = new ObjectMemo<object, number>();
    const frozen = Object.freeze({ id: 1 });
    memo.set(frozen, 1);
    expect(memo.get(frozen)).toBe(1);
    expect(memo.delete(frozen)).toBe(true);
    expect(memo.get(frozen)).toBeUndefined();
    const synced = new ArraySchema<string>("a", "b");
    memo.set(synced, 2);
    expect(memo.get(synced)).toBe(2);
    expect(synced.length).toBe(2);
    expect(Array.from(synced)).toEqual(["a", "b"]);
  });

  it("leaves a played table's state and every viewer's wire view what a fresh copy of the state gives", () => {
    const scenario = defaultScenario();
    const state = playBusyTable(scenario, { seed: 11, rounds: 6, chatter: true });
    const viewers: Viewer[] = ["spectator", "facilitator", ...PARTY_IDS];
    // Views made from the played state memoise on its objects; a structured copy has no memo at all.
    const wire = (s: typeof state, viewer: Viewer) => JSON.stringify(toWire(windowView(viewFor(scenario, s, viewer))));
    const memoised = viewers.map((v) => wire(state, v));
    const copy = structuredClone(state);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(state));
    expect(viewers.map((v) => wire(copy, v))).toEqual(memoised);
    expect(viewers.map((v) => wire(state, v))).toEqual(memoised);
  });
});
