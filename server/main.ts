// Entry point: serves the game (and the built client) on PORT (default 2567), answers GET /health,
// and closes gracefully on SIGTERM or SIGINT: tables are disconnected, then the process exits.
import { startServer, type BuildOptions } from "./app.ts";
import { TableStore } from "./persistence/table-store.ts";
import { lifecycle, restoreTables, startHeartbeat } from "./persistence/restore.ts";
import { restoreSessions } from "./classroom/http.ts";
import { realScheduler } from "./table-clock.ts";

/** Closed tables are kept this long (for a look at their logs), then deleted at the next start. */
const CLOSED_RETENTION_MS = 7 * 24 * 3600_000;

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

export async function main(options: BuildOptions = {}): Promise<void> {
  const raw = process.env.PORT ?? "2567";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${raw}"`);
    process.exit(2);
  }
  // Every accepted action is recorded in DATA_DIR before it is acknowledged (docs/OPERATIONS.md).
  const dataDir = process.env.DATA_DIR || "./data";
  const store = options.store === undefined ? TableStore.open(dataDir, { sync: process.env.DB_SYNC === "full" ? "full" : "normal" }) : options.store;
  if (store) store.prune(Date.now() - CLOSED_RETENTION_MS);
  // Scale-out (docs/OPERATIONS.md): processes sharing REDIS_URL share the matchmaking of one set of tables.
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
  const publicAddress = options.publicAddress ?? process.env.PUBLIC_ADDRESS;
  if (redisUrl && !publicAddress) console.warn("REDIS_URL without PUBLIC_ADDRESS: the other processes cannot reach this one's tables or classroom sessions");
  const running = await startServer(port, { ...options, store, ...(redisUrl ? { redisUrl } : {}), ...(publicAddress ? { publicAddress } : {}) });
  if (store) {
    const report = await restoreTables(store);
    startHeartbeat(store);
    if (report.restored.length > 0) console.log(`restored ${report.restored.length} table(s) from ${store.file}`);
    for (const f of report.failed) console.error(`could not restore table ${f.code}: ${f.error}`);
    // Classroom sessions after their tables: a session finds its restored tables by code. Sessions that
    // cannot be read back are skipped; the server starts either way (its tables are up already).
    try {
      const classes = await restoreSessions(store, { scheduler: options.scheduler ?? realScheduler });
      if (classes.restored.length > 0) console.log(`restored ${classes.restored.length} classroom session(s)`);
      for (const f of classes.failed) console.error(`could not restore classroom session ${f.code}: ${f.error}`);
    } catch (e) {
      console.error("could not restore the classroom sessions:", e instanceof Error ? e.message : e);
    }
  }
  console.log(`Ceasefire Table is running — open http://localhost:${running.port}/ (health: /health)`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    // The tables stay open in the store: they are restored when the server starts again.
    lifecycle.stopping = true;
    console.log(`${signal}: closing the tables…`);
    setTimeout(() => {
      console.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    running.close().then(
      () => {
        store?.close();
        process.exit(0);
      },
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
