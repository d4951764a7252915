// Colyseus loads @pm2/io, PM2's monitoring agent, which starts its timers as soon as it is loaded,
// whether or not the process runs under PM2: every second it lists every handle the process holds
// (`process._getActiveHandles()`: one per client socket, so an array of 1,200–2,400 at a busy
// server, built on the event loop), reads V8's heap statistics, measures the loop's delay and
// gathers it all for PM2's daemon. Outside PM2 nothing reads any of it, and the listing is a
// stall of its own every second that grows with the clients (about 2.8 ms a second of the
// server's loop under the 200-table load test, 2.2 ms of it the listing). So outside PM2 the agent is stopped once the
// server starts. Under PM2 (which sets `pm_id`) it is left alone: PM2's dashboard reads it.
//
// Stopping it leaves its handlers for uncaught exceptions and rejections as they were (it does not
// remove them), so what the process does on a crash is unchanged.
import { createRequire } from "node:module";

/** Stops the agent's timers; true if it was found and stopped. Never throws. */
export function stopPm2Agent(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.pm_id !== undefined) return false;
  try {
    // The agent as Colyseus resolves it; it keeps one instance per process (a global symbol).
    const fromColyseus = createRequire(createRequire(import.meta.url).resolve("@colyseus/core"));
    const agent = fromColyseus("@pm2/io") as { destroy?: () => void };
    if (typeof agent.destroy !== "function") return false;
    agent.destroy();
    return true;
  } catch {
    return false;
  }
}
