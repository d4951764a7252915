// Links that phones can reach and the session's read-only projector: a console opened on localhost
// hands out the computer's network address (or PUBLIC_URL), and says so; the projector link opens
// the public side of every table with its own token, on a computer without the host key.
import { describe, expect, it } from "vitest";
import { reachableAddress } from "../../server/classroom/reachable-address.ts";
import { useHarness } from "../server/harness.ts";
import { api, createSession, Student } from "./api.ts";

const h = useHarness();

describe("the address for join links", () => {
  it("replaces a loopback console address with the computer's network address, keeping the port", () => {
    for (const host of ["localhost:2567", "127.0.0.1:2567", "[::1]:2567"]) {
      expect(reachableAddress("http", host, undefined, ["192.168.1.20", "10.0.0.5"])).toEqual({
        base: "http://192.168.1.20:2567",
        source: "lan",
        alternatives: ["http://192.168.1.20:2567", "http://10.0.0.5:2567"],
      });
    }
  });

  it("prefers PUBLIC_URL, keeps an address that is already reachable, and admits when phones cannot join", () => {
    expect(reachableAddress("http", "localhost:2567", "https://class.example.org/", ["192.168.1.20"]).base).toBe("https://class.example.org");
    expect(reachableAddress("http", "localhost:2567", "https://class.example.org/", ["192.168.1.20"]).source).toBe("public_url");
    expect(reachableAddress("http", "school-server:2567", undefined, ["192.168.1.20"])).toMatchObject({ base: "http://school-server:2567", source: "request" });
    expect(reachableAddress("http", "localhost:2567", undefined, [])).toMatchObject({ base: "http://localhost:2567", source: "loopback" });
  });
});

describe("the session's links and projector", () => {
  it("gives the host reachable links, and a projector token that reads but cannot command", async () => {
    const s = await createSession({ tables: 2, rounds: 6 });
    expect((await api("GET", `/api/sessions/${s.code}/links`)).status).toBe(403);
    const links = await api("GET", `/api/sessions/${s.code}/links`, undefined, s.hostKey);
    expect(links.status).toBe(200);
    expect(["lan", "loopback", "public_url"]).toContain(links.body.source);
    expect(links.body.join).toBe(`${links.body.base}/?join=${s.code}`);
    const token = new URL(links.body.projector).hash.replace("#view=", "");
    expect(token).not.toBe("");
    expect(links.body.projector).not.toContain(s.hostKey);

    // A student at table 1 with secrets of their own: none of them reach the projector.
    const ada = await Student.enter(h, s.code, "Ada");
    await api("POST", `/api/sessions/${s.code}/command`, { tables: "all", command: { type: "begin" } }, s.hostKey);
    const seen = await api("GET", `/api/sessions/${s.code}/projector`, undefined, token);
    expect(seen.status).toBe(200);
    expect(seen.body.tables).toHaveLength(2);
    expect(seen.body.tables[0]).toMatchObject({ number: 1, round: 1, stage: "negotiation" });
    expect(seen.body.tables[0].events.length).toBeLessThanOrEqual(1);
    expect(seen.text).not.toContain(ada.assignment.studentToken);
    expect(seen.text).not.toMatch(/objectives|redLines|"pressure"/);

    // The projector token is no host key: commands and the overview are refused, nothing changes.
    const refused = await api("POST", `/api/sessions/${s.code}/command`, { tables: "all", command: { type: "pause" } }, token);
    expect(refused.status).toBe(403);
    expect((await api("GET", `/api/sessions/${s.code}/overview`, undefined, token)).status).toBe(403);
    expect(h.table(s.tables[0]!.code).session.clock.paused).toBe(false);
    // Without a token, or with another session's, the projector is refused.
    expect((await api("GET", `/api/sessions/${s.code}/projector`)).status).toBe(403);
    const other = await createSession({ tables: 1 });
    const otherLinks = await api("GET", `/api/sessions/${other.code}/links`, undefined, other.hostKey);
    const otherToken = new URL(otherLinks.body.projector).hash.replace("#view=", "");
    expect((await api("GET", `/api/sessions/${s.code}/projector`, undefined, otherToken)).status).toBe(403);
  });
});
