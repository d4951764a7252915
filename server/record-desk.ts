// Answers a client's `record` request (docs/PROTOCOL.md, "The record"): one page of the table's
// record of earlier weeks, read from the authoritative state as the client's seat may see it
// (shared/record.ts). Reading changes nothing; a bad request gets a clear error; nothing here throws.
import { MAX_PAYLOAD_CHARS, recordMessageSchema, type RecordReply } from "../shared/protocol.ts";
import { recordPage } from "../shared/record.ts";
import type { Scenario } from "../shared/scenario-schema.ts";
import type { GameState } from "../shared/state.ts";
import type { SeatRole } from "../shared/protocol.ts";
import { requestIdOf } from "./intent-pipeline.ts";

/** The page `raw` asks for, as `role` may see it at `state`; `role` undefined: the sender holds no seat. */
export function answerRecord(scenario: Scenario, state: GameState, role: SeatRole | undefined, raw: unknown): RecordReply {
  const requestId = requestIdOf(raw);
  const refuse = (code: "bad_payload" | "not_seated" | "payload_too_large", message: string, field?: string): RecordReply => ({
    requestId,
    ok: false,
    error: field ? { code, message, field } : { code, message },
  });
  if (role === undefined) return refuse("not_seated", "join the table before reading its record");
  let size = 0;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    return refuse("bad_payload", "the message is not plain JSON data");
  }
  if (size > MAX_PAYLOAD_CHARS) return refuse("payload_too_large", `a message is at most ${MAX_PAYLOAD_CHARS} characters of JSON; this one has ${size}`);
  const parsed = recordMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.map(String).join(".") : "";
    return refuse("bad_payload", issue ? `${field || "message"}: ${issue.message}` : "malformed record request", field || undefined);
  }
  const { requestId: _id, ...query } = parsed.data;
  const page = recordPage(scenario, state, role, query);
  if (!page.ok) return refuse(page.error.code, page.error.message, page.error.field);
  return { requestId, ok: true, page: page.value };
}
