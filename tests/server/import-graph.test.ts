// The server's modules must form no import circle: dependencies run one way (rooms use persistence and
// the classroom reaches tables through server/classroom/table-port.ts). A circle such as classroom ->
// persistence -> classroom makes load order matter and lets a change in one layer ripple back into the
// layer it serves; this test names the circle if one returns.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SERVER = path.resolve(import.meta.dirname, "../../server");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every relative `import … from "…"`, `export … from "…"`, `import "…"` and `import("…")` of a file, type-only ones included. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.{1,2}\/[^"']+)["']/gms)) {
    found.push(path.resolve(path.dirname(file), match[1]!));
  }
  for (const match of text.matchAll(/^\s*import\s+["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']/gm)) {
    found.push(path.resolve(path.dirname(file), (match[1] ?? match[2])!));
  }
  return found;
}

/** The server's module graph: each file of server/ and the files of server/ it imports. */
function serverGraph(): Map<string, string[]> {
  const files = tsFiles(SERVER);
  const known = new Set(files);
  return new Map(files.map((file) => [file, relativeImports(file).filter((target) => known.has(target))]));
}

/** One circle of `graph` as a path that starts and ends at the same file, or undefined when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return undefined;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("server import graph", () => {
  it("finds a circle when one exists (the check itself works)", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["a", ["b"]], ["b", []]]))).toBeUndefined();
  });

  it("reads the server's real imports", () => {
    const graph = serverGraph();
    const name = (file: string) => path.relative(SERVER, file);
    const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => `${name(from)} -> ${name(to)}`));
    expect(edges).toContain("main.ts -> app.ts");
  });

  it("has no import circle among server/ modules", () => {
    const cycle = findCycle(serverGraph());
    const shown = cycle?.map((file) => path.relative(SERVER, file)).join(" -> ");
    expect(shown, `import circle in server/: ${shown}`).toBeUndefined();
  });
});
