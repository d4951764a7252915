// Helpers for the classroom tests: the session HTTP API as a student and as the host, and a student
// who joins a session and then sits at the table they were given with a real SDK client.
import { Player, TEST_PORT, type Harness } from "../server/harness.ts";

/** Where the test harness listens. */
export const BASE = `http://localhost:${TEST_PORT}`;

export interface ApiReply<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  text: string;
  type: string;
}

export async function api<T = any>(method: string, path: string, body?: unknown, key?: string, headers: Record<string, string> = {}): Promise<ApiReply<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(BASE + path, {
    method,
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  let parsed: unknown = null;
  if (type.includes("json") && text) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, text, type };
}

export interface Created {
  code: string;
  hostKey: string;
  joinLink: string;
  consoleLink: string;
  qr: string;
  tables: Array<{ number: number; code: string }>;
}

export async function createSession(settings: Record<string, unknown>): Promise<Created> {
  const r = await api<Created>("POST", "/api/sessions", settings);
  if (r.status !== 201) throw new Error(`session not created: ${r.status} ${r.text}`);
  return r.body;
}

import type { Assignment } from "../../server/classroom/class-session.ts";
export type { Assignment };

export async function joinSession(code: string, name: string, preference: string = "none"): Promise<Assignment> {
  const r = await api<Assignment>("POST", `/api/sessions/${code}/students`, { name, preference });
  if (r.status !== 201) throw new Error(`${name} could not join: ${r.status} ${r.text}`);
  return r.body;
}

/** A student: joined the session by code, then seated with the SDK at the table they were given. */
export class Student {
  assignment: Assignment;
  player: Player;
  constructor(assignment: Assignment, player: Player) {
    this.assignment = assignment;
    this.player = player;
  }
  static async enter(h: Harness, code: string, name: string, preference?: string): Promise<Student> {
    const a = await joinSession(code, name, preference);
    const player = await Player.join(h, a.tableCode, { name: a.name, seat: a.seat, studentToken: a.studentToken });
    return new Student(a, player);
  }
  /** Follows the host's move: asks where to sit now and sits there. */
  async follow(h: Harness, code: string): Promise<void> {
    const r = await api<Assignment>("GET", `/api/sessions/${code}/students/me`, undefined, undefined, { "x-student-token": this.assignment.studentToken });
    if (r.status !== 200) throw new Error(`where am I: ${r.status} ${r.text}`);
    this.assignment = r.body;
    if (this.player.left === null) await this.player.room.leave();
    this.player = await Player.join(h, r.body.tableCode, { name: r.body.name, seat: r.body.seat, studentToken: this.assignment.studentToken });
  }
}

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r") continue;
    else if (c === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
