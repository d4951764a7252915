// What a classroom session asks of one of its tables, answered in plain JSON by the table's own
// room: a look at the table for the console (its log, state, clock, seats, announcement), a host
// command run as the table's owner, a rollback to the start of the last round, and a student
// moved away from a seat. The same calls serve a table in this process and one in another process
// (several processes sharing Redis, docs/OPERATIONS.md "Scaling out"): TableRoom.classroom() runs
// them, directly or through Colyseus's remoteRoomCall, and colyseusTables (below) is the session's
// TableAccess over them. The session's own logic stays in class-session.ts.
import { CloseCode, matchMaker } from "@colyseus/core";
import { PARTY_IDS, type PartyId } from "../../shared/ids.ts";
import type { GameLog } from "../../shared/apply.ts";
import type { GameState } from "../../shared/state.ts";
import type { Reply, TableCommand } from "../../shared/protocol.ts";
import { rollbackPoint, type RollbackTarget } from "../../shared/rollback.ts";
import type { TableRoom } from "../table-room.ts";
import type { TimerSnapshot } from "../table-clock.ts";
import type { TableAccess } from "./class-session.ts";
import type { SeatingEntry } from "../session-seating.ts";
import type { Credit } from "../action-credits.ts";

/** A live table as the console sees it (plain JSON: it may come from another process). */
export interface TableSnapshot {
  log: GameLog;
  state: GameState;
  clock: TimerSnapshot;
  announcement: string;
  seats: Array<{ party: PartyId; names: string[]; connected: number; bot: boolean; submitted: boolean }>;
  /** Who did each action of `log` (server/action-credits.ts). */
  credits: Credit[];
  /** Everyone at the table: the session's students by their id, with their seat and connection. */
  people: Array<{ student?: string; name: string; role: string; connected: boolean }>;
}

export type RollbackResult = { ok: true; round: number; undone: number } | { ok: false; code: string; message: string };

/** The calls a session makes on a table, run by the table's room (TableRoom.classroom). */
export function runClassroomCall(room: TableRoom, op: string, args: unknown[]): unknown {
  const table = room.session;
  switch (op) {
    case "snapshot": {
      const { pipeline, clock, seats } = table;
      const snapshot: TableSnapshot = {
        log: { ...pipeline.log, actions: [...pipeline.log.actions] },
        state: pipeline.state,
        clock: clock.snapshot(),
        announcement: pipeline.announcement,
        seats: PARTY_IDS.map((party) => ({ party, ...seats.summary(party), submitted: pipeline.hasSubmitted(party) })),
        credits: [...pipeline.credits],
        people: PARTY_IDS.flatMap((party) =>
          seats.humans(party).map((o) => {
            const student = table.seating?.studentOn(o.sessionId)?.student;
            return { ...(student ? { student } : {}), name: o.name, role: o.role, connected: o.status === "connected" };
          }),
        ),
      };
      return snapshot;
    }
    case "command":
      // As the table's owner: the session holds only its key's hash after a restart, and the table takes the command from it.
      return table.pipeline.command({ kind: "host", sessionId: "console" }, { requestId: "console", hostKey: "session", command: args[0] as TableCommand }, true) satisfies Reply;
    case "rollback": {
      // However many weeks back, in this one synchronous step: no bot or timer acts half-way.
      const target = (args[0] as RollbackTarget | undefined) ?? { weeks: 1 };
      const start = rollbackPoint(table.scenario, table.pipeline.log, target);
      if (!start.ok) return { ok: false, code: start.error.code, message: start.error.message } satisfies RollbackResult;
      const undone = table.pipeline.log.actions.length - start.value.length;
      table.rewind(start.value.length, start.value.state);
      // Everyone at the table is told what happened, through the same path as any host command.
      const notice = `The teacher rolled this table back to the start of week ${start.value.round}: everything done since then is undone.`;
      table.pipeline.command({ kind: "host", sessionId: "console" }, { requestId: "console", hostKey: "session", command: { type: "announce", text: notice } }, true);
      return { ok: true, round: start.value.round, undone } satisfies RollbackResult;
    }
    case "kick": {
      const [seat, name] = args as [PartyId, string];
      const ids = table.seats.humans(seat).filter((o) => o.name === name).map((o) => o.sessionId);
      // A consented close: the table frees the seat at once (no reconnection grace for a seat they left).
      for (const id of ids) room.clients.getById(id)?.leave(CloseCode.CONSENTED, "moved to another seat by the teacher");
      return ids.length;
    }
    case "seating": {
      // The session's list of who sits here: anyone it no longer seats here leaves at once.
      const [entries] = args as [SeatingEntry[]];
      return table.reseat(entries, (id) => {
        const client = room.clients.getById(id);
        if (client) client.leave(CloseCode.CONSENTED, "your teacher changed your seat");
        else table.release(id);
      });
    }
    default:
      throw new Error(`unknown classroom call "${op}"`);
  }
}

/** How long a call to a table in another process may take before the table counts as closed. */
const REMOTE_TIMEOUT_MS = 3000;

/**
 * Calls `op` on the table `code` wherever it is: in this process directly, in another through
 * Colyseus's IPC (the presence). Undefined when no such table is open (or its process does not answer).
 */
async function call<T>(code: string, op: string, args: unknown[] = []): Promise<T | undefined> {
  const local = matchMaker.getLocalRoomById(code) as TableRoom | undefined;
  if (local) return runClassroomCall(local, op, args) as T;
  if (!matchMaker.driver || !(await matchMaker.driver.has(code))) return undefined;
  try {
    return (await matchMaker.remoteRoomCall<TableRoom>(code, "classroom", [op, args], REMOTE_TIMEOUT_MS)) as T;
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
