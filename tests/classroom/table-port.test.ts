// The classroom's one port onto tables (server/classroom/table-port.ts): a table open in this
// process is found by its code while its room is open and not after, and a call arriving by name
// from another process reaches the same operation with the same arguments.
import { describe, expect, it } from "vitest";
import { callTablePort, localTable, registerTable, type TablePort } from "../../server/classroom/table-port.ts";

/** A port that records what it was asked. */
function recordingPort(calls: unknown[][]): TablePort {
  return {
    snapshot: () => (calls.push(["snapshot"]), undefined as never),
    command: (command) => (calls.push(["command", command]), { ok: true, requestId: "console" } as never),
    rollback: (target) => (calls.push(["rollback", target]), { ok: true, round: 1, undone: 0 }),
    kick: (seat, name) => (calls.push(["kick", seat, name]), 1),
    seating: (entries) => (calls.push(["seating", entries]), entries.length),
  };
}

describe("the classroom's table port", () => {
  it("finds a table by code only while its room has it registered", () => {
    const port = recordingPort([]);
    const unregister = registerTable("PORTA1", port);
    expect(localTable("PORTA1")).toBe(port);
    unregister();
    expect(localTable("PORTA1")).toBeUndefined();
  });

  it("a closing room does not remove a newer table opened under the same code", () => {
    const older = recordingPort([]);
    const newer = recordingPort([]);
    const unregisterOlder = registerTable("PORTB2", older);
    const unregisterNewer = registerTable("PORTB2", newer);
    unregisterOlder();
    expect(localTable("PORTB2")).toBe(newer);
    unregisterNewer();
    expect(localTable("PORTB2")).toBeUndefined();
  });

  it("runs a call that arrives by name, as from another process, on the same operation", () => {
    const calls: unknown[][] = [];
    const port = recordingPort(calls);
    expect(callTablePort(port, "kick", ["hamas", "Ada"])).toBe(1);
    expect(callTablePort(port, "rollback", [{ toWeek: 2 }])).toEqual({ ok: true, round: 1, undone: 0 });
    // A rollback without a target goes back one week, as the console's button does.
    callTablePort(port, "rollback", []);
    callTablePort(port, "command", [{ type: "pause" }]);
    expect(calls).toEqual([
      ["kick", "hamas", "Ada"],
      ["rollback", { toWeek: 2 }],
      ["rollback", { weeks: 1 }],
      ["command", { type: "pause" }],
    ]);
    expect(() => callTablePort(port, "shutdown", [])).toThrow(/unknown classroom call "shutdown"/);
  });
});
