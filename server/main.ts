// Entry point: serves the game (and the built client) on PORT (default 2567), answers GET /health,
// and closes gracefully on SIGTERM or SIGINT: tables are disconnected, then the process exits.
import { startServer, type BuildOptions } from "./app.ts";

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

export async function main(options: BuildOptions = {}): Promise<void> {
  const raw = process.env.PORT ?? "2567";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${raw}"`);
    process.exit(2);
  }
  const running = await startServer(port, options);
  console.log(`Ceasefire Table is running — open http://localhost:${running.port}/ (health: /health)`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing the tables…`);
    setTimeout(() => {
      console.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error("error while shutting down:", e);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (import.meta.main) await main();
