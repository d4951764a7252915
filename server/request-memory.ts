// Idempotent requests: a client that sends the same message twice (a retry after a lost reply, the
// SDK's send queue replaying after a reconnection) must not act twice. The table remembers the reply
// it gave to each person's recent requestIds and answers a repeat with that reply, changing nothing.
//
// Kept per person at a seat (their seat token, which survives reconnecting and rejoining), not per
// seat: the members of a team choose their requestIds independently, and two of them picking the
// same one must not swallow each other's actions. Only answers the table decided are remembered;
// a refusal that says "not now" (rate_limited, paused, internal_error) may be retried with the same id.
import type { Reply } from "../shared/protocol.ts";

/** Request ids remembered per person: the most recent ones (docs/PROTOCOL.md, "Idempotent requests"). */
export const REMEMBERED_REQUESTS = 128;

const RETRYABLE = new Set(["rate_limited", "paused", "internal_error"]);

export class RequestMemory {
  #byPerson = new Map<string, Map<string, Reply>>();

  /** The reply already given to `person`'s `requestId`, if it is still remembered. */
  recall(person: string, requestId: string): Reply | undefined {
    if (requestId === "") return undefined;
    return this.#byPerson.get(person)?.get(requestId);
  }

  /** Remembers the reply (the oldest of the person's ids is forgotten past REMEMBERED_REQUESTS). */
  remember(person: string, requestId: string, reply: Reply): void {
    if (requestId === "" || (!reply.ok && RETRYABLE.has(reply.error.code))) return;
    let replies = this.#byPerson.get(person);
    if (!replies) this.#byPerson.set(person, (replies = new Map()));
    replies.set(requestId, reply);
    if (replies.size > REMEMBERED_REQUESTS) replies.delete(replies.keys().next().value!);
  }

  /** The person left the table on purpose: their seat token no longer brings them back. */
  forget(person: string): void {
    this.#byPerson.delete(person);
  }
}
