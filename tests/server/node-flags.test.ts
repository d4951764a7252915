// The server's memory settings (server/node-flags.ts) reach the process that serves the game: the
// npm scripts that start a server pass every one of them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.ts";

const scripts = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the server's V8 settings", () => {
  it.each(["start", "dev:server"])("npm run %s passes them to node", (name) => {
    const words = scripts[name]!.split(/\s+/);
    expect(words[0]).toBe("node");
    for (const flag of SERVER_NODE_FLAGS) expect(words).toContain(flag);
  });
});
