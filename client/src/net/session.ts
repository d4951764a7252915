// What a screen needs from a table, wherever the table runs: the latest snapshot (the viewer's
// TableView plus seats and timer), a way to send intents and facilitator commands, and the state
// of the connection. The online session speaks docs/PROTOCOL.md; the local one (dev preview and
// offline practice) runs the shared engine in the page.
import type { PartyId, PartyIntentInput, Scenario, TableView, Viewer } from "../../../shared/index.ts";
import type { RecordPage, RecordQuery } from "../../../shared/record.ts";

export interface SeatInfo {
  party: PartyId;
  names: string[];
  connected: number;
  bot: boolean;
  submittedBy: string;
}

export interface TimerInfo {
  stage: string;
  endsAt: number;
  remainingMs: number;
  paused: boolean;
}

export interface Snapshot {
  code: string;
  seat: Viewer;
  view: TableView;
  seats: Partial<Record<PartyId, SeatInfo>>;
  timer: TimerInfo | null;
  announcement: string;
}

export interface ReplyError {
  code: string;
  message: string;
  field?: string;
}

export type Reply = { ok: true } | { ok: false; error: ReplyError };

/** One page of the table's record (shared/record.ts), or why not. */
export type RecordResult = { ok: true; page: RecordPage } | { ok: false; error: ReplyError };

export type TableCommand =
  | { type: "begin" }
  | { type: "advance" }
  | { type: "inject"; eventId: string }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "extend"; seconds: number }
  | { type: "announce"; text: string };

export type ConnectionStatus = "connected" | "dropped" | "reconnected" | "closed";

export interface TableSession {
  readonly kind: "online" | "local";
  readonly code: string;
  readonly seat: Viewer;
  readonly name: string;
  /** Present for the creator of the table. */
  readonly hostKey: string | null;
  /** The scenario the table plays: the built-in one unless the table says otherwise (a teacher's changes). */
  readonly scenario: Scenario;
  current(): Snapshot | null;
  /** Calls back with every new snapshot (and at once with the current one, if any). */
  subscribe(cb: (s: Snapshot) => void): () => void;
  onConnection(cb: (status: ConnectionStatus, detail: string) => void): () => void;
  send(intent: PartyIntentInput): Promise<Reply>;
  command(command: TableCommand): Promise<Reply>;
  /** One page of what this seat may see of the table's record of earlier weeks. */
  record(query: RecordQuery): Promise<RecordResult>;
  leave(): Promise<void>;
}

export interface SoloOptions {
  party: PartyId;
  difficulty: "easy" | "normal" | "hard";
  name: string;
  rounds?: number;
  seed?: number;
}

export interface CreateOptions {
  name: string;
  seat: PartyId | "any" | "spectator" | "facilitator";
  rounds?: number;
  timers?: boolean;
  negotiationSeconds?: number;
  decisionSeconds?: number;
  botsFillEmptySeats?: boolean;
}

export interface JoinOptions {
  code: string;
  name: string;
  seat: PartyId | "any" | "spectator" | "facilitator";
  hostKey?: string;
  /** A classroom session's student: the token the session gave them. */
  studentToken?: string;
  /** A classroom session's projector or spectator link: the session's viewer key. */
  viewerKey?: string;
}

/** A readable sentence for any failure, for toasts and form errors. */
export function describeError(e: unknown): string {
  if (typeof e === "object" && e !== null) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === "string" && m.trim()) return sentence(m);
  }
  if (typeof e === "string" && e.trim()) return sentence(e);
  return "Something went wrong. Please try again.";
}

export function sentence(text: string): string {
  const t = text.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
