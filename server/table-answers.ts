// How a table answers its classroom session (the port in server/classroom/table-port.ts): a look
// at the table for the console, a host command run as the table's owner, a rollback, a student
// moved away from a seat, the session's list of who sits here. TableRoom registers this port when
// it opens, so the same calls serve a table in this process and, through Colyseus's
// remoteRoomCall, one in another (several processes sharing Redis, docs/OPERATIONS.md "Scaling out").
import { CloseCode, type Client } from "@colyseus/core";
import { PARTY_IDS } from "../shared/ids.ts";
import { rollbackPoint } from "../shared/rollback.ts";
import type { TablePort, TableSnapshot } from "./classroom/table-port.ts";
import type { TableSession } from "./table-session.ts";

/** What the port needs of its room: the table session (read on each call) and its connected clients. */
export interface TableSide {
  readonly session: TableSession;
  readonly clients: { getById(sessionId: string): Client | undefined };
}

export function tableAnswers(room: TableSide): TablePort {
  return {
    snapshot() {
      const table = room.session;
      const { pipeline, clock, seats } = table;
      return {
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
      } satisfies TableSnapshot;
    },
    command(command) {
      // As the table's owner: the session holds only its key's hash after a restart, and the table takes the command from it.
      return room.session.pipeline.command({ kind: "host", sessionId: "console" }, { requestId: "console", hostKey: "session", command }, true);
    },
    rollback(target) {
      const table = room.session;
      // However many weeks back, in this one synchronous step: no bot or timer acts half-way.
      const start = rollbackPoint(table.scenario, table.pipeline.log, target);
      if (!start.ok) return { ok: false, code: start.error.code, message: start.error.message };
      const undone = table.pipeline.log.actions.length - start.value.length;
      table.rewind(start.value.length, start.value.state);
      // Everyone at the table is told what happened, through the same path as any host command.
      const notice = `The teacher rolled this table back to the start of week ${start.value.round}: everything done since then is undone.`;
      table.pipeline.command({ kind: "host", sessionId: "console" }, { requestId: "console", hostKey: "session", command: { type: "announce", text: notice } }, true);
      // About this week: it comes down once the table has played it again (not over the debrief).
      table.pipeline.announcementForThisWeek();
      return { ok: true, round: start.value.round, undone };
    },
    kick(seat, name) {
      const ids = room.session.seats.humans(seat).filter((o) => o.name === name).map((o) => o.sessionId);
      // A consented close: the table frees the seat at once (no reconnection grace for a seat they left).
      for (const id of ids) room.clients.getById(id)?.leave(CloseCode.CONSENTED, "moved to another seat by the teacher");
      return ids.length;
    },
    seating(entries) {
      const table = room.session;
      return table.reseat(entries, (id) => {
        const client = room.clients.getById(id);
        if (client) client.leave(CloseCode.CONSENTED, "your teacher changed your seat");
        else table.release(id);
      });
    },
  };
}
