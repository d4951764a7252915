// The session's TableAccess over the server's `table` rooms: each call goes through the table port
// (table-port.ts), straight to the table's registered port when the table is open in this process,
// through Colyseus's remoteRoomCall when it is open in another (several processes sharing Redis,
// docs/OPERATIONS.md "Scaling out"). The session's own logic stays in class-session.ts.
import { matchMaker } from "@colyseus/core";
import type { Reply } from "../../shared/protocol.ts";
import type { TableAccess } from "./class-session.ts";
import { callTablePort, localTable, type RemoteTablePort, type RollbackResult, type TablePortCall, type TableSnapshot } from "./table-port.ts";

export type { RollbackResult, TableSnapshot };

/** How long a call to a table in another process may take before the table counts as closed. */
const REMOTE_TIMEOUT_MS = 3000;

/**
 * Calls `op` on the table `code` wherever it is: in this process directly, in another through
 * Colyseus's IPC (the presence). Undefined when no such table is open (or its process does not answer).
 */
async function call<T>(code: string, op: TablePortCall, args: unknown[] = []): Promise<T | undefined> {
  const local = localTable(code);
  if (local) return callTablePort(local, op, args) as T;
  if (!matchMaker.driver || !(await matchMaker.driver.has(code))) return undefined;
  try {
    return (await matchMaker.remoteRoomCall<RemoteTablePort>(code, "classroom", [op, args], REMOTE_TIMEOUT_MS)) as T;
  } catch (e) {
    console.error(`[classroom] table ${code} did not answer "${op}":`, e instanceof Error ? e.message : e);
    return undefined;
  }
}

/** The server's `table` rooms (in this process or, with Redis, in any), as a session sees them. */
export const colyseusTables: TableAccess = {
  async create(options) {
    const room = await matchMaker.createRoom("table", options);
    return room.roomId;
  },
  table: (code) => call<TableSnapshot>(code, "snapshot"),
  command: (code, command) => call<Reply>(code, "command", [command]),
  rollback: (code, target) => call<RollbackResult>(code, "rollback", [target]),
  async kick(code, seat, name) {
    await call<number>(code, "kick", [seat, name]);
  },
  async seating(code, entries) {
    return (await call<number>(code, "seating", [entries])) !== undefined;
  },
};
