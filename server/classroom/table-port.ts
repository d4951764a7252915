// The one port through which the classroom reaches a table: exactly the operations a session
// performs on a table (a look for the console, a host command such as pause, resume, extend or
// announce, a rollback, a student moved off a seat, the list of who sits there), each answered in
// plain JSON. The table's own side implements it (server/table-answers.ts) and its room registers
// the port here when it opens; the classroom imports only this file's types, never the room, so
// dependencies run one way: table room -> classroom port, never back.
import type { PartyId } from "../../shared/ids.ts";
import type { GameLog } from "../../shared/apply.ts";
import type { GameState } from "../../shared/state.ts";
import type { Reply, TableCommand } from "../../shared/protocol.ts";
import type { RollbackTarget } from "../../shared/rollback.ts";
import type { TimerSnapshot } from "../table-clock.ts";
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

/** What a classroom session may do to one live table; every answer is plain JSON. */
export interface TablePort {
  /** A look at the table for the console: its log, state, clock, seats, announcement, credits, people. */
  snapshot(): TableSnapshot;
  /** A host command (pause, resume, extend, announce, …) run as the table's owner. */
  command(command: TableCommand): Reply;
  /** Back to where `target` says (shared/rollback.ts), in one step; everyone at the table is told. */
  rollback(target: RollbackTarget): RollbackResult;
  /** Disconnects whoever sits at `seat` under `name`, freeing the seat at once; how many left. */
  kick(seat: PartyId, name: string): number;
  /** The session's list of who sits at this table; anyone no longer on it leaves their seat. */
  seating(entries: SeatingEntry[]): number;
}

export type TablePortCall = keyof TablePort;

/**
 * The room method a table in another process is called through (Colyseus's remoteRoomCall takes a
 * method name and an argument list, so the port's calls travel as `classroom(op, args)`).
 */
export interface RemoteTablePort {
  classroom(op: string, args?: unknown[]): unknown;
}

/** Runs one of the port's calls by name, as it arrives from another process. */
export function callTablePort(port: TablePort, op: string, args: unknown[] = []): unknown {
  switch (op) {
    case "snapshot":
      return port.snapshot();
    case "command":
      return port.command(args[0] as TableCommand);
    case "rollback":
      return port.rollback((args[0] as RollbackTarget | undefined) ?? { weeks: 1 });
    case "kick":
      return port.kick(args[0] as PartyId, args[1] as string);
    case "seating":
      return port.seating(args[0] as SeatingEntry[]);
    default:
      throw new Error(`unknown classroom call "${op}"`);
  }
}

/** The tables open in this process, by code. */
const localTables = new Map<string, TablePort>();

/** A table room makes itself reachable by the classroom; call the returned function when it closes. */
export function registerTable(code: string, port: TablePort): () => void {
  localTables.set(code, port);
  return () => {
    // Only its own entry: a table opened again under the same code keeps its registration.
    if (localTables.get(code) === port) localTables.delete(code);
  };
}

/** The port of the table `code` if it is open in this process. */
export const localTable = (code: string): TablePort | undefined => localTables.get(code);
