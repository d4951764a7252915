// What each object of one kind holds in a V8 heap snapshot (scripts/heap-snapshot-summary.ts
// --retained NAME): every object the heap's roots reach only through such objects — what closing
// them all would free — given to the first of them that reaches it. Per table that is its room,
// its session, its encoder's root, its clients and their views (timers and sockets reach those
// too, so they are named with it), and what only they reach: the state, the log, the synced state.
// Weak references are not followed, as the collector does not; a WeakMap's value is held by its
// key. A string shared by a cache and a synced list is counted once, under the first path found.

export interface FullSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Graph {
  count: number;
  selfSize: Float64Array;
  /** Each node's kind: its constructor for objects, else its type. */
  kindOf: (n: number) => string;
  isNamed: (n: number, name: string) => boolean;
  /** Out-edges of node n: targets firstEdge[n]..firstEdge[n+1] in `targets`, weak ones dropped. */
  firstEdge: Uint32Array;
  targets: Uint32Array;
  edgeName: Array<string | number>;
}

/** The id of the WeakMap table an ephemeron edge's name gives ("… pair in WeakMap (table @123)"). */
function weakMapTableOf(label: string): number | undefined {
  const m = /\(table @(\d+)\)/.exec(label);
  return m ? Number(m[1]) : undefined;
}

export function graphOf(snap: FullSnapshot): Graph {
  const meta = snap.snapshot.meta;
  const width = meta.node_fields.length;
  const typeAt = meta.node_fields.indexOf("type");
  const nameAt = meta.node_fields.indexOf("name");
  const sizeAt = meta.node_fields.indexOf("self_size");
  const edgeCountAt = meta.node_fields.indexOf("edge_count");
  const idAt = meta.node_fields.indexOf("id");
  const edgeWidth = meta.edge_fields.length;
  const edgeTypeAt = meta.edge_fields.indexOf("type");
  const edgeNameAt = meta.edge_fields.indexOf("name_or_index");
  const edgeToAt = meta.edge_fields.indexOf("to_node");
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const weak = edgeTypes.indexOf("weak");
  const element = edgeTypes.indexOf("element");
  const hidden = edgeTypes.indexOf("hidden");
  const count = snap.nodes.length / width;
  const selfSize = new Float64Array(count);
  const firstEdge = new Uint32Array(count + 1);
  const targets: number[] = [];
  const edgeName: Array<string | number> = [];
  let e = 0;
  for (let n = 0; n < count; n++) {
    selfSize[n] = snap.nodes[n * width + sizeAt]!;
    firstEdge[n] = targets.length;
    const edges = snap.nodes[n * width + edgeCountAt]!;
    const id = snap.nodes[n * width + idAt]!;
    for (let k = 0; k < edges; k++, e += edgeWidth) {
      const type = snap.edges[e + edgeTypeAt]!;
      if (type === weak) continue;
      const name = snap.edges[e + edgeNameAt]!;
      const label = type === element || type === hidden ? name : snap.strings[name]!;
      // A WeakMap's value is held by its key (an edge from the key, as the collector keeps it: while
      // the key lives), and V8 also draws an edge to it from the map's own table. That one is left
      // out, or every value of a module's WeakMap would look held by the module, not by its key.
      if (typeof label === "string" && label.includes("part of key") && weakMapTableOf(label) === id) continue;
      targets.push(snap.edges[e + edgeToAt]! / width);
      edgeName.push(label);
    }
  }
  firstEdge[count] = targets.length;
  const kindOf = (n: number) => {
    const type = nodeTypes[snap.nodes[n * width + typeAt]!]!;
    return type === "object" || type === "native" || type === "closure" ? `${type}:${snap.strings[snap.nodes[n * width + nameAt]!]}` : type;
  };
  const isNamed = (n: number, name: string) => nodeTypes[snap.nodes[n * width + typeAt]!] === "object" && snap.strings[snap.nodes[n * width + nameAt]!] === name;
  return { count, selfSize, kindOf, isNamed, firstEdge, targets: Uint32Array.from(targets), edgeName };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(9)} KB`;

/** What the objects of one kind hold (see heldBy): in all, each one's own, by path and by kind. */
export interface Held {
  /** Objects of the first kind named. */
  count: number;
  /** Bytes held in all, by every object named (of any of the kinds). */
  bytes: number;
  /** Bytes each object of the first kind reached first, smallest first. */
  each: number[];
  byPath: Map<string, { bytes: number; count: number }>;
  byKind: Map<string, { bytes: number; count: number }>;
}

/**
 * What the objects named `names` (constructors; the first is what is counted, the others — a
 * table's clients, which the server's sockets also reach — claim what is theirs after every object
 * of the first has) hold: every object the heap's roots reach only through them, each given to the
 * first of them that reaches it, by the path of fields it is reached through (cut at `depth` steps)
 * and by kind. Null when there is none of the first kind.
 */
export function heldBy(snap: FullSnapshot, names: readonly string[], depth = 4): Held | null {
  const g = graphOf(snap);
  const { firstEdge, targets } = g;
  const instances: number[] = [];
  for (const one of names) for (let n = 0; n < g.count; n++) if (g.isNamed(n, one)) instances.push(n);
  const count = instances.filter((n) => g.isNamed(n, names[0]!)).length;
  if (count === 0) return null;
  // What the roots reach without going through an instance: shared, not a table's own.
  const shared = new Uint8Array(g.count);
  const isInstance = new Uint8Array(g.count);
  for (const n of instances) isInstance[n] = 1;
  const stack: number[] = [0];
  shared[0] = 1;
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let k = firstEdge[n]!; k < firstEdge[n + 1]!; k++) {
      const m = targets[k]!;
      if (!shared[m] && !isInstance[m]) {
        shared[m] = 1;
        stack.push(m);
      }
    }
  }
  // Each instance claims, breadth first, what it reaches that is not shared; a node's path is the
  // fields it was reached through (element indexes as []), cut at `depth` steps.
  const claimed = new Uint8Array(g.count);
  const byPath = new Map<string, { bytes: number; count: number }>();
  const byKind = new Map<string, { bytes: number; count: number }>();
  const add = (map: Map<string, { bytes: number; count: number }>, key: string, bytes: number) => {
    const entry = map.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += bytes;
    entry.count++;
    map.set(key, entry);
  };
  let total = 0;
  const each: number[] = [];
  for (const root of instances) {
    // One already reached through another (a client through its room) is counted there.
    if (claimed[root]) continue;
    const startTotal = total;
    const queue = [root];
    const paths = [g.isNamed(root, names[0]!) ? "" : `(${g.kindOf(root).slice("object:".length)})`];
    claimed[root] = 1;
    for (let q = 0; q < queue.length; q++) {
      const n = queue[q]!;
      const path = paths[q]!;
      total += g.selfSize[n]!;
      add(byPath, path || "(the object itself)", g.selfSize[n]!);
      add(byKind, g.kindOf(n), g.selfSize[n]!);
      const steps = path === "" ? 0 : path.split(".").length - (path.startsWith("(") ? 1 : 0);
      for (let k = firstEdge[n]!; k < firstEdge[n + 1]!; k++) {
        const m = targets[k]!;
        if (claimed[m] || shared[m]) continue;
        claimed[m] = 1;
        queue.push(m);
        const edge = g.edgeName[k]!;
        const step = typeof edge === "number" || /^\d+$/.test(edge) ? "[]" : edge.includes("part of key") ? "{weak value}" : edge;
        paths.push(steps >= depth ? path : path ? `${path}.${step}` : step);
      }
    }
    if (g.isNamed(root, names[0]!)) each.push(total - startTotal);
  }
  each.sort((a, b) => a - b);
  return { count, bytes: total, each, byPath, byKind };
}

/** Prints heldBy's answer for the kinds `name` lists ("Room,Client"), per object of the first kind. */
export function printRetained(snap: FullSnapshot, name: string, top: number, depth = 4): void {
  const names = name.split(",");
  const held = heldBy(snap, names, depth);
  if (!held) {
    console.log(`no object named ${names[0]} in the snapshot`);
    return;
  }
  const per = held.count;
  console.log(`${per} × ${names[0]}${names.length > 1 ? ` (with ${names.slice(1).join(", ")})` : ""}: ${kb(held.bytes / per)} each on average, of objects reached only through them`);
  const print = (title: string, map: Map<string, { bytes: number; count: number }>) => {
    console.log(title);
    for (const [key, { bytes, count }] of [...map].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top))
      console.log(`${kb(bytes / per)} ${(count / per).toFixed(1).padStart(8)} ×  ${key}`);
  };
  const at = (q: number) => kb(held.each[Math.min(held.each.length - 1, Math.floor(q * held.each.length))]!).trim();
  console.log(`spread (what each ${names[0]} reaches first): least ${at(0)}, quarter ${at(0.25)}, median ${at(0.5)}, three quarters ${at(0.75)}, most ${at(1)}`);
  print(`\nper ${names[0]}, by the fields they are reached through (self size, objects):`, held.byPath);
  print(`\nper ${names[0]}, by kind (self size, objects):`, held.byKind);
}
