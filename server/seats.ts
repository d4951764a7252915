// Who sits where: six party seats that several people may share as a team, spectators, and the
// facilitator. A party seat with nobody in it (nobody connected and nobody inside the reconnection
// grace) is played by a bot, and anyone joining it takes it over. Seat tokens let a person return
// to their seat after the grace has run out.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { PARTY_IDS, type PartyId } from "../shared/ids.ts";
import type { SeatChoice, SeatRole } from "../shared/protocol.ts";

/** People per party seat: a classroom team, not a crowd. */
export const MAX_TEAM = 12;

export interface Occupant {
  sessionId: string;
  name: string;
  role: SeatRole;
  token: string;
  /** `dropped`: the connection was lost and the grace period is running. */
  status: "connected" | "dropped";
}

export interface SeatSummary {
  names: string[];
  connected: number;
  bot: boolean;
}

export const newSecret = (bytes = 16) => randomBytes(bytes).toString("base64url");

/** Compares a secret without leaking, through timing, how much of it was right. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const isParty = (role: SeatRole): role is PartyId => role !== "spectator" && role !== "facilitator";

export class Seats {
  #occupants = new Map<string, Occupant>();
  /** Every token handed out, so a person can come back after the grace: token → seat and name. */
  #tokens = new Map<string, { role: SeatRole; name: string }>();
  readonly botsFill: boolean;

  constructor(botsFill: boolean) {
    this.botsFill = botsFill;
  }

  /** The seat a join would get, or why it cannot. `any` takes the first seat with no people in it. */
  resolve(choice: SeatChoice, seatToken?: string): { ok: true; role: SeatRole } | { ok: false; message: string } {
    const remembered = seatToken === undefined ? undefined : this.#tokens.get(seatToken);
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
    for (const o of this.#occupants.values()) if (o.token === seatToken) return o;
    return undefined;
  }

  add(sessionId: string, name: string, role: SeatRole, seatToken?: string): Occupant {
    const token = seatToken !== undefined && this.#tokens.has(seatToken) ? seatToken : newSecret();
    const occupant: Occupant = { sessionId, name, role, token, status: "connected" };
    this.#occupants.set(sessionId, occupant);
    this.#tokens.set(token, { role, name });
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
    return [...this.#occupants.values()].filter((o) => o.role === party);
  }

  isBot(party: PartyId): boolean {
    return this.botsFill && this.humans(party).length === 0;
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

  summary(party: PartyId): SeatSummary {
    const people = this.humans(party);
    return {
      names: people.map((o) => o.name),
      connected: people.filter((o) => o.status === "connected").length,
      bot: this.isBot(party),
    };
  }
}
