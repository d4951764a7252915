// Frames a client sends that Colyseus cannot decode (a broken message type, a msgpack payload that
// does not parse, an unknown frame type). Without this guard they were turned away before any rate
// limit applied, and each wrote a stack trace to the log: one socket sending garbage as fast as it
// could filled the log and slowed every table in the process.
//
// Here an undecodable frame is caught before Colyseus tries to read it: it counts against the same
// per-client and per-address budgets as any message (so garbage also uses up the sender's own
// message allowance), the log gets at most one summary line per client per minute, and a client that
// keeps sending garbage (UNDECODABLE_LIMIT frames within a minute) is closed with CLOSE_UNDECODABLE.
import { decode } from "@colyseus/schema";
import { unpack } from "msgpackr";

/** Close code for a client that kept sending frames the server cannot decode. */
export const CLOSE_UNDECODABLE = 4400;
/** Undecodable frames within one minute after which the client is closed. */
export const UNDECODABLE_LIMIT = 20;
const WINDOW_MS = 60_000;

// Colyseus's client → server frame types (@colyseus/shared-types Protocol); the low 5 bits are the type.
const JOIN_ROOM = 10;
const LEAVE_ROOM = 12;
const ROOM_DATA = 13;
const ROOM_DATA_BYTES = 17;
const PING = 18;
const ROOM_REQUEST = 21;
const TYPE_MASK = 0x1f;

/** A message sent with `room.send` (a ROOM_DATA frame), read: its type and its decoded payload. */
export interface RoomData {
  type: string | number;
  message: unknown;
}

/**
 * Reads `frame` with the same reads Colyseus makes (request id, message type, msgpack payload),
 * done where a failure cannot reach the log: why it cannot be decoded (a string); or, for a
 * message sent with `room.send`, its type and payload, so that the table hands them on without
 * Colyseus decoding the same bytes a second time (table-room.ts); or null, for any other frame
 * that decodes (a request, a join, a ping), which Colyseus reads itself.
 */
export function readFrame(frame: unknown): string | RoomData | null {
  if (!(frame instanceof Uint8Array) || frame.byteLength === 0) return "an empty frame";
  const type = frame[0]! & TYPE_MASK;
  if (type === JOIN_ROOM || type === LEAVE_ROOM || type === PING || type === ROOM_DATA_BYTES) return null;
  if (type !== ROOM_DATA && type !== ROOM_REQUEST) return `an unknown frame type (${frame[0]})`;
  const buffer = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const it = { offset: 1 };
  try {
    if (type === ROOM_REQUEST) decode.number(buffer, it);
    const messageType = decode.stringCheck(buffer, it) ? decode.string(buffer, it) : decode.number(buffer, it);
    if (it.offset > buffer.byteLength) return "a message type cut short";
    // As Colyseus reads it: no bytes after the type, no payload.
    const message: unknown = buffer.byteLength > it.offset ? unpack(buffer.subarray(it.offset)) : undefined;
    return type === ROOM_DATA ? { type: messageType, message } : null;
  } catch (e) {
    return `a payload that is not msgpack (${e instanceof Error ? e.message.slice(0, 80) : "unreadable"})`;
  }
}

interface Tally {
  since: number;
  count: number;
  first: string;
}

/** One table's account of undecodable frames, per client. */
export class FrameGuard {
  #tallies = new Map<string, Tally>();
  /** Clients being closed for garbage: what they still send until the socket closes is dropped unread. */
  #closing = new Set<string>();
  #label: string;
  #now: () => number;
  #log: (line: string) => void;

  constructor(label: string, now: () => number = () => Date.now(), log: (line: string) => void = (line) => console.warn(line)) {
    this.#label = label;
    this.#now = now;
    this.#log = log;
  }

  /** Counts an undecodable frame from `sessionId`; true when the client should now be closed. */
  undecodable(sessionId: string, reason: string): boolean {
    const now = this.#now();
    let tally = this.#tallies.get(sessionId);
    if (tally && now - tally.since >= WINDOW_MS) {
      this.#report(sessionId, tally, "");
      tally = undefined;
    }
    if (!tally) this.#tallies.set(sessionId, (tally = { since: now, count: 0, first: reason }));
    tally.count++;
    if (tally.count < UNDECODABLE_LIMIT) return false;
    this.#report(sessionId, tally, `; closed (${CLOSE_UNDECODABLE})`);
    this.#tallies.delete(sessionId);
    this.#closing.add(sessionId);
    return true;
  }

  /** Whether `sessionId` is being closed for garbage (its frames are dropped unread). */
  closing(sessionId: string): boolean {
    return this.#closing.has(sessionId);
  }

  /** The client has gone: what was not reported yet is, in one line. */
  gone(sessionId: string): void {
    const tally = this.#tallies.get(sessionId);
    if (tally) this.#report(sessionId, tally, "");
    this.#tallies.delete(sessionId);
    this.#closing.delete(sessionId);
  }

  #report(sessionId: string, tally: Tally, outcome: string): void {
    const seconds = Math.max(0, Math.round((this.#now() - tally.since) / 1000));
    this.#log(`[table ${this.#label}] client ${sessionId} sent ${tally.count} undecodable frame(s) in ${seconds} s, the first ${tally.first}${outcome}`);
  }
}
