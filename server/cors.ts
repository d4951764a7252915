// Which web pages may call this server's HTTP API from another origin: the classroom API
// (/api/sessions) and Colyseus's matchmaking (/matchmake). A page served by the server itself
// needs no CORS, or is this server under another of its names (ownOrigin); another origin is
// allowed only when named in CORS_ORIGINS (comma-separated,
// e.g. the Vite dev page, which outside production is allowed by default). Nothing rides on cookies
// — the host key, student tokens and seat tokens are sent by the page itself — so credentials are
// never allowed, and the answer never says `*`: it names the calling origin, or nothing.
import type { NextFunction, Request, Response } from "express";
import { matchMaker } from "@colyseus/core";
import { lanAddresses } from "./classroom/reachable-address.ts";

const DEV_PAGES = () => [`http://localhost:${process.env.CLIENT_PORT ?? 5173}`, `http://127.0.0.1:${process.env.CLIENT_PORT ?? 5173}`];

/** The origins named in configuration (CORS_ORIGINS; outside production, also the Vite dev page). */
export function configuredOrigins(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const named = (env.CORS_ORIGINS ?? "").split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean);
  return new Set([...named, ...(env.NODE_ENV === "production" ? [] : DEV_PAGES())]);
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Whether a page at `origin` is this server's own page: the server reached as `host` (the Host
 * header), or the same server under another of its names — a loopback name or one of this
 * computer's network addresses on the same port (a console opened on localhost checks the address
 * phones will use), or PUBLIC_URL.
 */
export function ownOrigin(origin: string, host: string | null | undefined, lan: () => string[] = lanAddresses): boolean {
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  const publicUrl = process.env.PUBLIC_URL?.trim();
  if (publicUrl && URL.canParse(publicUrl) && new URL(publicUrl).origin === origin) return true;
  if (!host || !URL.canParse(origin) || !URL.canParse(`http://${host}`)) return false;
  const page = new URL(origin);
  if (page.port !== new URL(`http://${host}`).port) return false;
  return LOOPBACK_NAMES.includes(page.hostname) || lan().includes(page.hostname);
}

/** Whether a page at `origin` may call a server reached as `host` (the Host header). */
export function originAllowed(origin: string | null | undefined, host: string | null | undefined, allowed = configuredOrigins()): boolean {
  if (!origin) return false;
  return allowed.has(origin) || ownOrigin(origin, host);
}

const ALLOW_HEADERS = "content-type, authorization, x-host-key, x-student-token";

/** Express middleware for the classroom API: the CORS answer, and preflights answered here. */
export function classroomCors() {
  const allowed = configuredOrigins();
  return (req: Request, res: Response, next: NextFunction) => {
    res.vary("Origin");
    const origin = req.get("origin");
    if (originAllowed(origin, req.get("host"), allowed)) {
      res.set("Access-Control-Allow-Origin", origin!);
      res.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
      res.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    }
    if (req.method === "OPTIONS") return void res.sendStatus(204);
    next();
  };
}

/** Colyseus's matchmaking answers by the same rule (its default echoes any origin, with credentials). */
export function installMatchmakeCors(): void {
  const allowed = configuredOrigins();
  // Its type lists the headers it ships with; ours leave out the wildcard origin and credentials.
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {
    "Access-Control-Allow-Headers": "Origin, X-Requested-With, Content-Type, Accept, Authorization",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
  matchMaker.controller.getCorsHeaders = (headers: Headers) => {
    const origin = headers.get("origin");
    const out: Record<string, string> = {};
    if (originAllowed(origin, headers.get("host"), allowed)) out["Access-Control-Allow-Origin"] = origin!;
    return out;
  };
}
