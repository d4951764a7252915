// Who sits where: six party seats that several people may share as a team, spectators, and the
// facilitator. A party seat with nobody in it (nobody connected and nobody inside the reconnection
// grace) is played by a bot, and anyone joining it takes it over. Seat tokens let a person return
// to their seat after the grace has run out.
import { createHash, randomBytes, randomFillSync, timingSafeEqual } from "node:crypto";
import { PARTY_IDS, type PartyId } from "../shared/ids.ts";
import type { SeatChoice, SeatRole } from "../shared/protocol.ts";

/** People per party seat: a classroom team, not a crowd. */
export const MAX_TEAM = 12;

export interface Occupant {
  sessionId: string;
  name: string;
  role: SeatRole;
  /** The seat token ("" for a person restored after a restart, known only by its hash). */
  token: string;
  tokenHash: string;
  /** `dropped`: the connection was lost and the grace period is running. */
  status: "connected" | "dropped";
}

export interface SeatSummary {
  names: string[];
  connected: number;
  bot: boolean;
}

/**
 * Random bytes drawn from the system's generator 4 KB at a time, as Node's own randomUUID does:
 * every join hands out a seat token, and a call into the generator for 16 bytes cost about 15 times
 * what taking them from here does. Bytes handed out are zeroed, so none is ever given twice.
 */
const entropy = Buffer.alloc(4096);
let entropyAt = entropy.length;

/** A fresh secret: 16 random bytes (128 bits) or more, base64url. */
export function newSecret(bytes = 16): string {
  const n = Math.max(16, bytes);
  if (n > entropy.length) return randomBytes(n).toString("base64url");
  if (entropyAt + n > entropy.length) {
    randomFillSync(entropy);
    entropyAt = 0;
  }
  const secret = entropy.toString("base64url", entropyAt, entropyAt + n);
  entropy.fill(0, entropyAt, entropyAt + n);
  entropyAt += n;
  return secret;
}

/** What is stored and compared instead of a secret: its SHA-256, hex. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Whether `given` is the secret whose hash is `expectedHash`, compared in constant time. */
export function matchesHash(given: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(given), "hex");
  const b = Buffer.from(expectedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Told when seat tokens are handed out or revoked (the table's durable record keeps their hashes). */
export interface TokenListener {
  issued(hash: string, role: SeatRole, name: string): void;
  revoked(hash: string): void;
}

/** Compares a secret without leaking, through timing, how much of it was right. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const isParty = (role: SeatRole): role is PartyId => role !== "spectator" && role !== "facilitator";

export class Seats {
  #occupants = new Map<string, Occupant>();
  /** Every token handed out, so a person can come back after the grace: token's hash → seat and name. */
  #tokens = new Map<string, { role: SeatRole; name: string }>();
  readonly botsFill: boolean;
  #listener: TokenListener | undefined;

  constructor(botsFill: boolean, listener?: TokenListener) {
    this.botsFill = botsFill;
    this.#listener = listener;
  }

  /** A token handed out before a restart, known by its hash. */
  restoreToken(hash: string, role: SeatRole, name: string): void {
    this.#tokens.set(hash, { role, name });
  }

  /** The token no longer brings anyone back (its holder left the table on purpose). */
  revokeToken(token: string): void {
    this.revokeTokenHash(hashSecret(token));
  }

  /** As revokeToken, by the token's hash (an occupant's `tokenHash`: the token is not hashed again). */
  revokeTokenHash(hash: string): void {
    if (this.#tokens.delete(hash)) this.#listener?.revoked(hash);
  }

  /** The seat a join would get, or why it cannot. `any` takes the first seat with no people in it. */
  resolve(choice: SeatChoice, seatToken?: string): { ok: true; role: SeatRole } | { ok: false; message: string } {
    // Looked up by hash: the map holds no secret, and a lookup's timing says nothing about one.
    const remembered = seatToken === undefined ? undefined : this.#tokens.get(hashSecret(seatToken));
    if (seatToken !== undefined && !remembered) return { ok: false, message: "seatToken: this seat token is not known at this table" };
    const role: SeatRole | "any" = remembered ? remembered.role : choice;
    if (role === "any") {
      const free = PARTY_IDS.find((p) => this.humans(p).length === 0);
      return free ? { ok: true, role: free } : { ok: false, message: "seat: every seat is taken; join a party's team by naming it" };
    }
    if (isParty(role) && this.humans(role).length >= MAX_TEAM)
      return { ok: false, message: `seat: the ${role} team is full (${MAX_TEAM} people)` };
    return { ok: true, role };
  }

  /** The person holding `seatToken` right now (e.g. still inside the grace on an old connection). */
  holderOf(seatToken: string): Occupant | undefined {
    const hash = hashSecret(seatToken);
    for (const o of this.#occupants.values()) if (o.tokenHash === hash) return o;
    return undefined;
  }

  add(sessionId: string, name: string, role: SeatRole, seatToken?: string): Occupant {
    const givenHash = seatToken === undefined ? undefined : hashSecret(seatToken);
    const known = givenHash === undefined ? undefined : this.#tokens.get(givenHash);
    const token = known ? seatToken! : newSecret();
    const tokenHash = known ? givenHash! : hashSecret(token);
    const occupant: Occupant = { sessionId, name, role, token, tokenHash, status: "connected" };
    this.#occupants.set(sessionId, occupant);
    // A person coming back with their token, to the same seat under the same name, changes nothing
    // the durable record holds about the token (a class rejoining after a restart writes no more).
    if (known && known.role === role && known.name === name) return occupant;
    this.#tokens.set(tokenHash, { role, name });
    this.#listener?.issued(tokenHash, role, name);
    return occupant;
  }

  /** Someone seated before a restart: held as dropped (inside the grace) until they come back. */
  addPlaceholder(sessionId: string, name: string, role: SeatRole, tokenHash: string): Occupant {
    const occupant: Occupant = { sessionId, name, role, token: "", tokenHash, status: "dropped" };
    this.#occupants.set(sessionId, occupant);
    return occupant;
  }

  get(sessionId: string): Occupant | undefined {
    return this.#occupants.get(sessionId);
  }

  drop(sessionId: string): void {
    const o = this.#occupants.get(sessionId);
    if (o) o.status = "dropped";
  }

  reconnect(sessionId: string): void {
    const o = this.#occupants.get(sessionId);
    if (o) o.status = "connected";
  }

  /** The person is gone (left, or the grace ran out). Their token still brings them back. */
  remove(sessionId: string): Occupant | undefined {
    const o = this.#occupants.get(sessionId);
    this.#occupants.delete(sessionId);
    return o;
  }

  /** People seated at a party: connected, or dropped and still inside the grace. */
  humans(party: PartyId): Occupant[] {
    const out: Occupant[] = [];
    for (const o of this.#occupants.values()) if (o.role === party) out.push(o);
    return out;
  }

  // Asked for every seat after every change (the mirror, the bots): answered without making a list.
  isBot(party: PartyId): boolean {
    if (!this.botsFill) return false;
    for (const o of this.#occupants.values()) if (o.role === party) return false;
    return true;
  }

  /** Seats (and the facilitator's chair) with at least one connected client. */
  watched(): Set<SeatRole> {
    const out = new Set<SeatRole>();
    for (const o of this.#occupants.values()) if (o.status === "connected") out.add(o.role);
    return out;
  }

  /** Connected clients plus those within the grace, in every role. */
  present(): number {
    return this.#occupants.size;
  }

  /**
   * Every party seat's summary, as summary() gives it, with who submitted its team's decision
   * (`submittedBy`), made in one walk over the people present: a table mirrors all six after every
   * action (intent-pipeline.ts), and six walks and six copies were a steady part of each one.
   */
  summaries(submittedBy: (party: PartyId) => string): Record<PartyId, SeatSummary & { submittedBy: string }> {
    const out = {} as Record<PartyId, SeatSummary & { submittedBy: string }>;
    for (const p of PARTY_IDS) out[p] = { names: [], connected: 0, bot: false, submittedBy: submittedBy(p) };
    for (const o of this.#occupants.values()) {
      const seat = out[o.role as PartyId];
      if (seat === undefined) continue;
      seat.names.push(o.name);
      if (o.status === "connected") seat.connected++;
    }
    for (const p of PARTY_IDS) out[p].bot = this.botsFill && out[p].names.length === 0;
    return out;
  }

  summary(party: PartyId): SeatSummary {
    const names: string[] = [];
    let connected = 0;
    for (const o of this.#occupants.values()) {
      if (o.role !== party) continue;
      names.push(o.name);
      if (o.status === "connected") connected++;
    }
    return { names, connected, bot: this.botsFill && names.length === 0 };
  }
}
