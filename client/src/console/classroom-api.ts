// The classroom sessions' HTTP API (docs/PROTOCOL.md, "Classroom sessions") from the browser: the
// host's calls carry the host key in a header (never in a URL the server logs); a refusal becomes an
// Error with the server's readable message.
import { serverEndpoint } from "../net/endpoint.ts";
import type { PartyId } from "../../../shared/ids.ts";
import type { TableCommand } from "../../../shared/protocol.ts";

export interface SeatOverview { party: PartyId; names: string[]; connected: number; bot: boolean; submitted: boolean; assigned: string[] }
export interface TableOverview {
  number: number; code: string; open: boolean; round: number; rounds: number; phase: number; stage: string;
  paused: boolean; remainingMs: number; endsAt: number; stability: number; trend: number; stabilityByWeek: number[]; outcome: string | null; announcement: string;
  seats: SeatOverview[];
}
export interface HostEvent { at: number; action: string; tables: number[]; detail: string; results: Array<{ table: number; ok: boolean; message?: string }> }
export interface SessionOverview {
  code: string; name: string; status: "open" | "ended";
  settings: {
    tables: number; teamSize: number; againstPreference: boolean; botsFillEmptySeats: boolean; rounds?: number;
    timers?: boolean; negotiationSeconds?: number; decisionSeconds?: number; lessonMinutes?: number; difficulty?: string;
  };
  students: Array<{ name: string; table: number; seat: PartyId; preference: PartyId | null }>;
  tables: TableOverview[]; events: HostEvent[];
  roster: RosterLine[]; pending: PendingRequest[]; locked: boolean; viewerKey: string;
  /** The card of each week at every table ("" a quiet week); null when each table draws its own. */
  deck: string[] | null;
  createdAt: number; now: number;
}
export interface Created { code: string; hostKey: string; name: string; joinLink: string; consoleLink: string; qr: string; tables: Array<{ number: number; code: string }> }
export interface Assignment { session: string; sessionName: string; studentToken: string; name: string; table: number; tableCode: string; seat: PartyId; version: number; rejoinCode: string }
/** A page waiting for the teacher (joining is locked, or the student is back on another device). */
export interface Waiting { waiting: true; session: string; sessionName: string; studentToken: string; name: string; message: string }
export interface RosterLine {
  id: string; name: string; table: number; seat: PartyId; team: number; preference: PartyId | null; connected: boolean;
  lastAction: { type: string; at: number | null } | null; removed: boolean; rejoinCode: string;
}
export interface PendingRequest { id: string; kind: "join" | "rejoin"; name: string; at: number }

/** A refusal from the server: its HTTP status and error code, and its readable message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
export type CommandResult = Array<{ table: number; ok: boolean; code?: string; message?: string }>;

const url = (path: string) => `${serverEndpoint()}/api/sessions${path}`;

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url(path), { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new Error("Could not reach the game server. Check your connection and try again.");
  }
  const data = (await res.json().catch(() => null)) as (T & { error?: { message: string; code?: string } }) | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? "", data?.error?.message ?? `the server answered ${res.status}`);
  return data as T;
}

export const createSession = (settings: Record<string, unknown>) => call<Created>("POST", "", settings);
export const sessionInfo = (code: string) => call<{ code: string; name: string; status: string; tables: number }>("GET", `/${encodeURIComponent(code)}`);
export const joinSession = (code: string, name: string, preference: string, studentToken?: string, rejoin?: { rejoinCode?: string; askTeacher?: boolean }) =>
  call<Assignment | Waiting>("POST", `/${encodeURIComponent(code)}/students`, { name, preference, ...(studentToken ? { studentToken } : {}), ...rejoin });
export const whereAmI = (code: string, token: string) => call<Assignment | Waiting>("GET", `/${encodeURIComponent(code)}/students/me`, undefined, { "x-student-token": token });
export const qrUrl = (code: string) => url(`/${encodeURIComponent(code)}/qr.svg`);

export interface ProjectorTable {
  number: number; round: number; rounds: number; phase: number; stage: string; paused: boolean; remainingMs: number;
  stability: number; trend: number; stabilityByWeek: number[]; outcome: string | null;
  events: Array<{ title: string; text: string }>; announcement: string; news: string[]; people: number;
}
export interface ProjectorOverview { code: string; name: string; status: "open" | "ended"; announcement: string; tables: ProjectorTable[] }
/** The session's read-only projector overview, opened with its projector token. */
export const projectorView = (code: string, token: string) =>
  call<ProjectorOverview>("GET", `/${encodeURIComponent(code)}/projector`, undefined, { authorization: `Bearer ${token}` });

/** Links on an address phones can reach (server/classroom/reachable-address.ts), and why that address. */
export interface SessionLinks { base: string; source: "public_url" | "lan" | "request" | "loopback"; alternatives: string[]; join: string; qr: string; projector: string }

/** Everything only the host may do, bound to the session's code and host key. */
export class HostApi {
  readonly code: string;
  readonly #key: string;
  constructor(code: string, key: string) {
    this.code = code;
    this.#key = key;
  }
  /** For the teacher's own "copy the console link" (never shown on the page). */
  get key(): string {
    return this.#key;
  }
  #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(method, `/${encodeURIComponent(this.code)}${path}`, body, { authorization: `Bearer ${this.#key}` });
  }
  overview = () => this.#call<SessionOverview>("GET", "/overview");
  links = () => this.#call<SessionLinks>("GET", "/links");
  command = (tables: "all" | number[], command: TableCommand) => this.#call<CommandResult>("POST", "/command", { tables, command });
  /** Back `weeks` weeks (1: the start of the current week) or to the start of week `toWeek`, in one step. */
  rollback = (table: number, target: { weeks: number } | { toWeek: number } = { weeks: 1 }) =>
    this.#call<{ table: number; round: number; undone: number }>("POST", "/rollback", { table, ...target });
  move = (student: string, table: number, seat: PartyId) => this.#call<Assignment>("POST", "/move", { student, table, seat });
  swap = (a: string, b: string) => this.#call<unknown>("POST", "/swap", { a, b });
  end = () => this.#call<unknown>("POST", "/end", {});
  remove = (student: string) => this.#call<{ name: string }>("POST", "/remove", { student });
  rename = (student: string, name: string) => this.#call<{ name: string }>("POST", "/rename", { student, name });
  lock = (locked: boolean) => this.#call<{ locked: boolean }>("POST", "/lock", { locked });
  teamSize = (teamSize: number) => this.#call<{ teamSize: number }>("POST", "/team-size", { teamSize });
  answer = (request: string, admit: boolean) => this.#call<{ name: string; admitted: boolean }>("POST", "/requests", { request, admit });
  exportJson = () => this.#call<{ tables: Array<{ number: number; outcome: string | null; stability: number; round: number; rounds: number; offers: { made: number; accepted: number }; commitments: { honoured: number; broken: number }; causes: Array<{ text: string; sign: number }>; timeline: Array<{ round: number; text: string }> }> }>("GET", "/export.json");
  /** Downloads an export (json, csv, html) as a file, through a header-authorised fetch. */
  async download(format: "json" | "csv" | "html" | "participation.csv" | "actions.csv"): Promise<void> {
    const res = await fetch(url(`/${encodeURIComponent(this.code)}/export.${format}`), { headers: { authorization: `Bearer ${this.#key}` } });
    if (!res.ok) throw new Error(`the export failed (${res.status})`);
    const blob = await res.blob();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `session-${this.code}${format.includes(".") ? `-${format}` : `.${format}`}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }
}
