// Colyseus's matchmaking route (POST /matchmake/:method/:roomName: create, join, joinById,
// joinOrCreate, reconnect), answered on Node's own request and response.
//
// Colyseus 0.18 answers it through a web-standard router: every request is copied into a web
// `Request` (its headers into a `Headers`, its body into a `ReadableStream`), and the answer is a
// `Response` streamed back into Node's. For a body of a hundred bytes and an answer of eighty, that
// copying was most of the route's cost: 2–3% of the server's busy time at 400 tables, where a new
// table and about 90 joins a second go through it. Here the body is read and parsed, the same
// matchmaker call is made (`controller.invokeMethod`, with the same auth context), and the answer
// written directly: the same status, headers (CORS by server/cors.ts's rule) and JSON as
// Colyseus's. The seat reservation is also handed to the caller as an object, so the address guard
// learns which table a creation made without reading the answer back (server/address-guard.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { createAuthContext, matchMaker } from "@colyseus/core";

/** What a successful matchmaking answer holds (Colyseus's seat reservation; `roomId` is the table's code). */
export interface SeatReservation {
  roomId?: string;
  sessionId?: string;
}

/** A matchmaking request's body is a few hundred bytes of options; more is refused (HTTP 413). */
export const MAX_MATCHMAKE_BODY_BYTES = 64 * 1024;
/**
 * Options are flat (a name, a seat, a few numbers); nesting deeper than this is refused (HTTP 400).
 * Thousands of levels made Colyseus create the table and then fail its seat reservation ("… is
 * already full"), leaving a table nobody could join that its address's count never saw.
 */
export const MAX_OPTIONS_DEPTH = 16;

/** Whether `value` nests arrays or objects more than `limit` levels deep (without recursing). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const ROUTE = /^\/matchmake\/([^/?#]+)\/([^/?#]+)\/?(?:\?.*)?$/;
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json/i;

/** The method and room name of a matchmaking request's path, or null when it is not one. */
export function matchmakeRoute(url: string | undefined): { method: string; roomName: string } | null {
  const m = url ? ROUTE.exec(url) : null;
  return m ? { method: decoded(m[1]!), roomName: decoded(m[2]!) } : null;
}

function decoded(segment: string): string {
  try {
    return segment.includes("%") ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}

/**
 * Answers one matchmaking request. `answered` is called once, with the seat reservation when the
 * answer is one (HTTP 200), or null otherwise (refused, failed, or the connection closed first).
 */
export function answerMatchmaking(req: IncomingMessage, res: ServerResponse, route: { method: string; roomName: string }, answered: (reservation: SeatReservation | null) => void): void {
  let settled = false;
  const settle = (reservation: SeatReservation | null) => {
    if (settled) return;
    settled = true;
    answered(reservation);
  };
  res.once("close", () => settle(null));
  const headers = req.headers;
  // The CORS answer by the server's rule (server/cors.ts installs it on Colyseus's controller).
  const origin = { get: (name: string) => headerOf(req, name) } as unknown as Headers;
  try {
    const cors = { ...matchMaker.controller.DEFAULT_CORS_HEADERS, ...matchMaker.controller.getCorsHeaders(origin) };
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
  } catch (e) {
    // This runs in the HTTP server's own listener: nothing here may throw out of it.
    console.error("[matchmaking] CORS headers failed:", (e as Error).message);
    return failed(req, res);
  }
  if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) return send(res, 503, { code: 503, error: "the server is shutting down" });

  // Colyseus reads a body only when a content type is given, parses JSON ones, and passes others as text.
  const type = headerOf(req, "content-type");
  if (!type) {
    req.resume();
    return void req.once("end", () => invoke(undefined));
  }
  const declared = Number(headers["content-length"]);
  if (declared > MAX_MATCHMAKE_BODY_BYTES) return tooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_MATCHMAKE_BODY_BYTES) return tooLarge(req, res);
    chunks.push(chunk);
  });
  req.once("end", () => {
    if (size > MAX_MATCHMAKE_BODY_BYTES) return;
    const text = chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString();
    if (!JSON_TYPE.test(type)) return invoke(text.length > 0 ? text : undefined);
    if (text.length === 0) return invoke(undefined);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 400, { error: "malformed request body" });
    }
    if (nestsDeeperThan(body, MAX_OPTIONS_DEPTH)) return send(res, 400, { error: `the options nest more than ${MAX_OPTIONS_DEPTH} levels deep` });
    invoke(body);
  });
  req.once("error", () => settle(null));

  function invoke(options: unknown): void {
    if (res.destroyed) return settle(null);
    Promise.resolve()
      .then(() => matchMaker.controller.invokeMethod(route.method, route.roomName, options ?? {}, createAuthContext({ headers: headers as Record<string, string>, req: req as never })))
      .then(
        (reservation: SeatReservation) => {
          // Settled first: the creator cannot join (and so free its address's place) before the table is held.
          settle(reservation);
          send(res, 200, reservation);
        },
        (e: { code?: number; message?: string }) => {
          const code = typeof e?.code === "number" ? e.code : 500;
          send(res, code >= 400 && code <= 599 ? code : 500, { code, error: e?.message ?? "matchmaking failed" });
          settle(null);
        },
      )
      // An unhandled rejection would stop the process: whatever failed above is logged instead.
      .catch((e: unknown) => console.error("[matchmaking] answering failed:", (e as Error)?.message));
  }
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
}

/** A POST under /matchmake/ that is not `/matchmake/:method/:roomName`. */
export function notARoute(res: ServerResponse): void {
  send(res, 404, { code: 404, error: "not a matchmaking route: POST /matchmake/:method/:roomName" });
}

function failed(req: IncomingMessage, res: ServerResponse): void {
  send(res, 500, { code: 500, error: "the server could not answer this request" });
  req.resume();
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) return;
  res.setHeader("connection", "close");
  send(res, 413, { code: 413, error: `the request is larger than ${MAX_MATCHMAKE_BODY_BYTES} bytes` });
  req.resume();
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}
