// `npm start`: builds the browser client when its build is missing or older than its sources (or
// shared/, which it bundles), then serves the game and the client on one port (PORT, default 2567).
// Without client/vite.config.ts there is nothing to build: the server shows a placeholder page.
import { existsSync, readdirSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const client = path.join(root, "client");
const config = path.join(client, "vite.config.ts");
const builtIndex = path.join(client, "dist", "index.html");

/** The newest modification time of the files under `dir` (skipping build output and dependencies). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function buildClientIfStale(): void {
  if (!existsSync(config)) {
    console.log("client/vite.config.ts not found: serving the game without the browser client.");
    return;
  }
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(newest(client), newest(path.join(root, "shared")));
  if (builtAt >= sourcesAt) return;
  console.log(builtAt === 0 ? "Building the client (first run)…" : "The client's sources changed: rebuilding…");
  // Vite's own entry under this project's Node (24), not whatever `vite` is first on PATH.
  const vite = path.join(root, "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", config], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      existsSync(builtIndex)
        ? "The client build failed: serving the previous build."
        : "The client build failed: serving the game with a placeholder page.",
    );
  }
}

buildClientIfStale();
const { main } = await import("../server/main.ts");
await main();
