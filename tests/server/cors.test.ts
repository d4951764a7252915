// Cross-origin calls: the classroom API and matchmaking answer only the server's own origin and the
// origins named in CORS_ORIGINS, by name — never `*`, and never with credentials.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { TEST_PORT, useHarness } from "./harness.ts";

process.env.CORS_ORIGINS = "https://school.example";
const h = useHarness();

function call(method: string, path: string, origin: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "localhost", port: TEST_PORT, method, path, headers: { origin, "access-control-request-method": "POST", "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

describe("CORS", () => {
  it("another origin gets no Access-Control-Allow-Origin, and nothing ever allows credentials", async () => {
    void h.colyseus;
    for (const [method, path] of [["OPTIONS", "/api/sessions"], ["GET", "/api/sessions/ABCDE"], ["OPTIONS", "/matchmake/create/table"], ["POST", "/matchmake/joinById/NOSUCH"]] as const) {
      // Another site, and this computer's name on another port (another server), alike.
      for (const origin of ["https://elsewhere.example", `http://localhost:${TEST_PORT + 1}`]) {
        const res = await call(method, path, origin);
        expect(res.headers["access-control-allow-origin"], `${origin} ${method} ${path}`).toBeUndefined();
        expect(res.headers["access-control-allow-credentials"], `${origin} ${method} ${path}`).toBeUndefined();
      }
      const res = await call(method, path, "https://elsewhere.example");
      expect(res.headers["access-control-allow-origin"], `${method} ${path}`).toBeUndefined();
      expect(res.headers["access-control-allow-credentials"], `${method} ${path}`).toBeUndefined();
    }
  });

  it("the server's own origin (under any of its names) and a configured one are answered by name", async () => {
    // 127.0.0.1 is this server under another name: a console on localhost checking the address phones use.
    for (const origin of [`http://localhost:${TEST_PORT}`, `http://127.0.0.1:${TEST_PORT}`, "https://school.example"]) {
      for (const [method, path] of [["OPTIONS", "/api/sessions"], ["GET", "/api/sessions/ABCDE"], ["OPTIONS", "/matchmake/create/table"]] as const) {
        const res = await call(method, path, origin);
        expect(res.headers["access-control-allow-origin"], `${origin} ${method} ${path}`).toBe(origin);
        expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
      }
    }
  });
});
