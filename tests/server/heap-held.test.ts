// What a table holds, read from a heap snapshot (scripts/heap-retained.ts, `heap:summary --retained`):
// what the heap's roots reach only through a table counts to it, what anything else reaches too
// does not, and a WeakMap's value counts to its key's holder, not to the module that owns the map.
import { describe, expect, it } from "vitest";
import { heldBy, type FullSnapshot } from "../../scripts/heap-retained.ts";

const NODE_TYPES = ["synthetic", "object", "string", "array", "hidden", "closure", "native", "code"];
const EDGE_TYPES = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"];

interface Node {
  type: string;
  name: string;
  size: number;
  edges: Array<{ type: string; name: string; to: string }>;
}

/** A V8 heap snapshot of `nodes` (the first is the root), in V8's flat format. */
function snapshotOf(nodes: Record<string, Node>): FullSnapshot {
  const keys = Object.keys(nodes);
  const strings: string[] = [];
  const str = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const flatNodes: number[] = [];
  const flatEdges: number[] = [];
  for (const [i, key] of keys.entries()) {
    const n = nodes[key]!;
    flatNodes.push(NODE_TYPES.indexOf(n.type), str(n.name), idOf(i), n.size, n.edges.length);
    for (const e of n.edges) flatEdges.push(EDGE_TYPES.indexOf(e.type), str(e.name), keys.indexOf(e.to) * 5);
  }
  return {
    snapshot: { meta: { node_fields: ["type", "name", "id", "self_size", "edge_count"], node_types: [NODE_TYPES], edge_fields: ["type", "name_or_index", "to_node"], edge_types: [EDGE_TYPES] } },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  };
}
const idOf = (index: number) => index * 2 + 1;

describe("what each table holds, from a heap snapshot", () => {
  it("counts what only a table reaches to it, what others reach too to no one, and a WeakMap's value to its key's holder", () => {
    // The WeakMap's table is node 6: V8 names both edges to a value after it.
    const pair = `part of key (Array @${idOf(7)}) -> value (string @${idOf(8)}) pair in WeakMap (table @${idOf(6)})`;
    const snap = snapshotOf({
      root: { type: "synthetic", name: "", size: 0, edges: [{ type: "element", name: "1", to: "room1" }, { type: "element", name: "2", to: "room2" }, { type: "property", name: "cache", to: "cache" }, { type: "property", name: "scenario", to: "scenario" }] },
      room1: { type: "object", name: "Room", size: 100, edges: [{ type: "property", name: "state", to: "state1" }, { type: "property", name: "scenario", to: "scenario" }] },
      room2: { type: "object", name: "Room", size: 100, edges: [{ type: "property", name: "state", to: "state2" }, { type: "weak", name: "later", to: "weakOnly" }] },
      state1: { type: "object", name: "State", size: 1000, edges: [{ type: "property", name: "offers", to: "offers1" }] },
      state2: { type: "object", name: "State", size: 500, edges: [] },
      cache: { type: "object", name: "WeakMap", size: 10, edges: [{ type: "internal", name: "table", to: "table" }] },
      table: { type: "array", name: "", size: 50, edges: [{ type: "internal", name: pair, to: "json" }] },
      offers1: { type: "object", name: "Array", size: 40, edges: [{ type: "internal", name: pair, to: "json" }] },
      json: { type: "string", name: "{}", size: 300, edges: [] },
      scenario: { type: "object", name: "Scenario", size: 5000, edges: [] },
      weakOnly: { type: "object", name: "Other", size: 700, edges: [] },
    });
    const held = heldBy(snap, ["Room"], 4)!;
    expect(held.count).toBe(2);
    // Room 1: itself, its state, its offers and the JSON kept for them; room 2: itself and its state.
    // The scenario is reached from the root too; what only a weak reference reaches is no one's.
    expect(held.each).toEqual([600, 1440]);
    expect(held.bytes).toBe(2040);
    expect(held.byPath.get("state.offers.{weak value}")).toEqual({ bytes: 300, count: 1 });
    expect(held.byKind.get("object:Scenario")).toBeUndefined();
    expect(heldBy(snap, ["Nothing"])).toBeNull();
  });

  it("counts a table's clients, which its sockets reach too, to the table when they are named with it", () => {
    const snap = snapshotOf({
      root: { type: "synthetic", name: "", size: 0, edges: [{ type: "element", name: "1", to: "room" }, { type: "element", name: "2", to: "socket" }] },
      room: { type: "object", name: "Room", size: 100, edges: [{ type: "property", name: "client", to: "client" }] },
      socket: { type: "object", name: "Socket", size: 20, edges: [{ type: "property", name: "owner", to: "client" }] },
      client: { type: "object", name: "Client", size: 30, edges: [{ type: "property", name: "view", to: "view" }] },
      view: { type: "object", name: "View", size: 70, edges: [] },
    });
    // The socket (a root's) reaches the client: without naming it the client is shared, and the room holds itself alone.
    expect(heldBy(snap, ["Room"])!.bytes).toBe(100);
    const held = heldBy(snap, ["Room", "Client"])!;
    expect(held.count).toBe(1);
    expect(held.bytes).toBe(200);
    expect(held.byPath.get("client.view")).toEqual({ bytes: 70, count: 1 });
  });
});
