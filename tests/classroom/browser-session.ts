// A teacher's session over HTTP, for the classroom's browser tests (their server is the browser
// harness's, not the classroom harness's: tests/classroom/api.ts speaks to that one).

/** Creates a session at `base` as the host page would; its code and host key. */
export async function openSession(base: string, settings: Record<string, unknown>): Promise<{ code: string; hostKey: string }> {
  const created = await fetch(`${base}/api/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(settings) });
  if (created.status !== 201) throw new Error(`session not created: ${created.status} ${await created.text()}`);
  return (await created.json()) as { code: string; hostKey: string };
}

/** Sends a host command to every table of the session, as the console does; the HTTP status. */
export async function commandAll(base: string, code: string, hostKey: string, command: Record<string, unknown>): Promise<number> {
  const r = await fetch(`${base}/api/sessions/${code}/command`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${hostKey}` },
    body: JSON.stringify({ tables: "all", command }),
  });
  return r.status;
}
