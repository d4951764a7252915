// Bringing the tables back after a restart (a deploy, a crash, kill -9). Each open table in the
// store is created again as a `table` room with the same code (its room id), through the ordinary
// matchmaker: the room's onCreate finds the stored record under a one-time ticket among its
// options and rebuilds the session from it (replaying the log with shared's replay()). A ticket is
// 256 random bits known only to this process, so no client can make a room restore someone's table.
import { matchMaker } from "@colyseus/core";
import { newSecret } from "../seats.ts";
import type { StoredTable, TableStore } from "./table-store.ts";

export interface Restoring {
  record: StoredTable;
  /** When the previous server process was last known alive: stage clocks resume from there. */
  diedAt: number;
}

const pending = new Map<string, Restoring>();

/** Set while the server shuts down: people leaving then stay recorded as seated (they return after the restart). */
export const lifecycle = { stopping: false };

/** The stored table registered under the create options' `restoreTicket` (used once), if any. */
export function takeRestore(raw: unknown): Restoring | undefined {
  const ticket = typeof raw === "object" && raw !== null ? (raw as { restoreTicket?: unknown }).restoreTicket : undefined;
  if (typeof ticket !== "string") return undefined;
  const found = pending.get(ticket);
  pending.delete(ticket);
  return found;
}

export interface RestoreReport {
  restored: string[];
  failed: Array<{ code: string; error: string }>;
}

/**
 * Recreates every open table of `store` as a room with its old code. Call once the server is
 * listening, before the heartbeat first runs (it measures the downtime from the last heartbeat).
 */
export async function restoreTables(store: TableStore, now = Date.now()): Promise<RestoreReport> {
  const report: RestoreReport = { restored: [], failed: [] };
  const tables = store.openTables();
  const alive = store.lastAlive() ?? 0;
  for (const record of tables) {
    const diedAt = Math.min(now, Math.max(alive, record.updatedAt));
    const ticket = newSecret(32);
    pending.set(ticket, { record, diedAt });
    try {
      // In this process (createRoom could pick another one when several share a Redis driver):
      // the store, and the ticket, are this process's own.
      await matchMaker.handleCreateRoom("table", { restoreTicket: ticket }, undefined, record.code);
      report.restored.push(record.code);
    } catch (e) {
      // Left open in the store: the next start tries again. Never fatal for the other tables.
      report.failed.push({ code: record.code, error: e instanceof Error ? e.message : String(e) });
    } finally {
      pending.delete(ticket);
    }
  }
  return report;
}

/** Records every `ms` that this process is alive; returns a stop function. */
export function startHeartbeat(store: TableStore, ms = 1000): () => void {
  store.heartbeat(Date.now());
  const timer = setInterval(() => {
    try {
      store.heartbeat(Date.now());
    } catch (e) {
      console.error("[store] heartbeat failed:", e);
    }
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
