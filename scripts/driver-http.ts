// The load driver's matchmaking requests (each join is one POST to /matchmake/…, then the WebSocket),
// sent with node:http over kept-alive connections instead of the SDK's default, the global fetch.
// Node's fetch (undici's) builds WHATWG streams, Headers and a Response for every request: in the
// driver's profile it was about 5% of its busy time for a few dozen joins a second. The SDK takes
// any fetch-shaped function (`new Client(url, { fetchFn })`) and reads only a response's status,
// its content type and its body, which this gives it from one plain read. The request — method,
// path, headers, JSON body — and the server's answer are the same as with fetch.
import { Agent, request } from "node:http";

// Connections are kept between joins, as fetch's own pool keeps them.
const agent = new Agent({ keepAlive: true });

/** What the SDK reads of a response (HTTP.mjs executeRequest). */
interface PlainResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
  blob(): Promise<Blob>;
}

/** A fetch for the SDK's HTTP requests on plain http:// (the load test's loopback server). */
export function plainFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  return send(url, init, true);
}

function send(url: string | URL | Request, init: RequestInit | undefined, mayRetry: boolean): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = typeof init?.body === "string" ? init.body : undefined;
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(String(url instanceof Request ? url.url : url), { method: init?.method ?? "GET", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        const response: PlainResponse = {
          ok: status >= 200 && status < 300,
          status,
          statusText: res.statusMessage ?? "",
          headers: { get: (name) => headerText(res.headers[name.toLowerCase()]) },
          json: async () => JSON.parse(text) as unknown,
          text: async () => text,
          blob: async () => new Blob([text]),
        };
        resolve(response as unknown as Response);
      });
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed as it sat idle, just as this request went out
      // on it: the server never read the request. Sent again on a new connection, as Node's
      // documentation advises (http, `request.reusedSocket`).
      if (mayRetry && req.reusedSocket && e.code === "ECONNRESET") send(url, init, false).then(resolve, reject);
      else reject(e);
    });
    req.end(body);
  });
}

function headerText(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
}
