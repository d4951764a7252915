// Scale-out for classroom sessions (docs/OPERATIONS.md, "Scaling out"). Several processes share
// one Redis (Colyseus's presence); a session lives in the process that created it, its home. The
// home registers `join code → its address` (PUBLIC_ADDRESS, host:port, which is also its HTTP
// address) in the presence; any other process that receives a request for that session forwards
// it there over HTTP and relays the answer. Each process also registers a random forwarding key
// under its address: the home lets a forwarded request through its rate limit (the forwarding
// process applied its own) and takes the client's origin from it only when the key checks out, and
// never forwards a forwarded request again (no loops). A process without Redis never uses this.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { matchMaker } from "@colyseus/core";
import { newSecret, sameSecret } from "../seats.ts";

const SESSIONS_KEY = "ceasefire:sessions";
const FORWARDERS_KEY = "ceasefire:forwarders";
const FORWARDED_BY = "x-ceasefire-forwarded-by";
const FORWARD_KEY = "x-ceasefire-forward-key";
const FORWARD_ORIGIN = "x-ceasefire-origin";
/** Request headers a session's API reads, passed on to the home. */
const PASSED_ON = ["authorization", "x-host-key", "x-student-token", "content-type"];
/** Answer headers relayed to the client. */
const RELAYED = ["content-type", "content-disposition"];
/** How long the home may take to answer a forwarded request. */
const FORWARD_TIMEOUT_MS = 15_000;
const CODE = /^[A-Z0-9]{1,10}$/;

/** Marks a request whose forwarding key checked out (set by acceptForwarded). */
const verified = new WeakSet<Request>();

export class SessionHomes {
  /** This process's address (host:port), as the other processes reach its HTTP API. */
  readonly address: string;
  readonly #key = newSecret(32);
  #announced: Promise<void> | null = null;
  /** Other processes' forwarding keys, as last read from the presence. */
  #keys = new Map<string, string>();

  constructor(address: string) {
    this.address = address;
  }

  /** True if a request came from another process of the deployment (its key checked). */
  static wasForwarded(req: Request): boolean {
    return verified.has(req);
  }

  /** The origin the client used (for links and the QR code), on a forwarded request. */
  static originOf(req: Request): string | undefined {
    if (!verified.has(req)) return undefined;
    const origin = req.get(FORWARD_ORIGIN);
    return origin && /^https?:\/\/[^\s/]+$/.test(origin) ? origin : undefined;
  }

  /** Whether another process holds a session under `code` (the join-code generator avoids it). */
  async taken(code: string): Promise<boolean> {
    try {
      return (await matchMaker.presence.hget(SESSIONS_KEY, code)) !== null;
    } catch {
      return false;
    }
  }

  /** Registers this process as the home of session `code`. Never throws (the session works here either way). */
  async register(code: string): Promise<void> {
    try {
      await matchMaker.presence.hset(SESSIONS_KEY, code, this.address);
    } catch (e) {
      console.error(`[classroom] could not register session ${code} in Redis:`, e instanceof Error ? e.message : e);
    }
  }

  /** Forgets session `code` (pruned here), if this process is still its home. */
  unregister(code: string): void {
    void (async () => {
      if ((await matchMaker.presence.hget(SESSIONS_KEY, code)) === this.address) await matchMaker.presence.hdel(SESSIONS_KEY, code);
    })().catch(() => {});
  }

  /** Publishes this process's forwarding key (once; again after a failure). */
  #announce(): Promise<void> {
    this.#announced ??= Promise.resolve(matchMaker.presence.hset(FORWARDERS_KEY, this.address, this.#key)).then(
      () => {},
      (e: unknown) => {
        this.#announced = null;
        throw e;
      },
    );
    return this.#announced;
  }

  /** Checks the forwarding key of a request another process forwarded. */
  acceptForwarded(): RequestHandler {
    return (req: Request, _res: Response, next: NextFunction) => {
      const by = req.get(FORWARDED_BY);
      const key = req.get(FORWARD_KEY);
      if (!by || !key) return next();
      const known = this.#keys.get(by);
      // Compared in constant time, like every secret of the server.
      if (known !== undefined && sameSecret(key, known)) {
        verified.add(req);
        return next();
      }
      // A process that restarted has a new key: read it again.
      Promise.resolve(matchMaker.presence.hget(FORWARDERS_KEY, by))
        .then((fresh) => {
          if (typeof fresh === "string") this.#keys.set(by, fresh);
          if (typeof fresh === "string" && sameSecret(key, fresh)) verified.add(req);
        })
        .catch(() => {})
        .finally(() => next());
    };
  }

  /**
   * Forwards a request for a session held by another process to that process, and relays its answer.
   * `held(code)`: whether this process holds the session (then it answers itself). A session
   * nobody holds is left to this process, which answers that it does not know the code.
   */
  forward(held: (code: string) => boolean): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const code = String(req.params.code ?? "").toUpperCase();
      // Never forwarded twice: a request that comes from another process is answered here.
      if (!CODE.test(code) || held(code) || req.get(FORWARDED_BY) !== undefined) return next();
      this.#forward(code, req, res).then(
        (done) => (done ? undefined : next()),
        (e: unknown) => next(e),
      );
    };
  }

  async #forward(code: string, req: Request, res: Response): Promise<boolean> {
    let home: string | null;
    try {
      home = await matchMaker.presence.hget(SESSIONS_KEY, code);
    } catch {
      home = null;
    }
    if (!home || home === this.address) return false;
    const headers: Record<string, string> = {};
    for (const h of PASSED_ON) {
      const v = req.get(h);
      if (v !== undefined) headers[h] = v;
    }
    headers[FORWARDED_BY] = this.address;
    headers[FORWARD_KEY] = this.#key;
    headers[FORWARD_ORIGIN] = `${req.protocol}://${req.get("host") ?? "localhost"}`;
    const hasBody = req.method !== "GET" && req.method !== "HEAD" && req.body !== undefined;
    if (hasBody) headers["content-type"] = "application/json";
    let answer: globalThis.Response;
    try {
      await this.#announce();
      answer = await fetch(`http://${home}${req.originalUrl}`, {
        method: req.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
        redirect: "manual",
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (e) {
      console.error(`[classroom] session ${code}: its process (${home}) did not answer:`, e instanceof Error ? e.message : e);
      res.status(503).json({
        error: { code: "session_unavailable", message: `the session ${code} is held by a server that is not answering right now; try again in a moment` },
      });
      return true;
    }
    const body = Buffer.from(await answer.arrayBuffer());
    res.status(answer.status);
    for (const h of RELAYED) {
      const v = answer.headers.get(h);
      if (v !== null) res.set(h, v);
    }
    res.send(body);
    return true;
  }
}
