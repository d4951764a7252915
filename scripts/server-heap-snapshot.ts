// The load test's `--heap-snapshot DIR`: heap snapshots of its server, one of the empty server
// before the first table is seated and one when the measured window closes, so
// `npm run heap:summary -- TABLES.heapsnapshot EMPTY.heapsnapshot --per N --retained TableRoom`
// can say what each table holds (docs/OPERATIONS.md, "Memory per table, and the tail").
// The server writes them itself (node --heapsnapshot-signal), on its own event loop: the driver
// only signals it and waits for the file to be complete.
import { readdirSync } from "node:fs";
import path from "node:path";

/** The server's V8 flags that let a signal write its heap snapshot into `dir`. */
export function heapSnapshotFlags(dir: string): string[] {
  return ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${path.resolve(dir)}`];
}

const snapshotsIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot"));

/**
 * Asks the server (`pid`, listening on `port`) for a heap snapshot into `dir` and returns its path
 * once written. The snapshot is written on the server's event loop, so once the file exists, an
 * answer from the server means it is complete.
 */
export async function takeServerHeapSnapshot(pid: number, port: number, dir: string): Promise<string> {
  const before = new Set(snapshotsIn(dir));
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 600_000; waited += 100) {
    const made = snapshotsIn(dir).find((f) => !before.has(f));
    if (made) {
      await answered(port);
      return path.join(dir, made);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server wrote no heap snapshot");
}

/** Waits for the server to answer (a connection kept from before the pause may be reset: asked again). */
async function answered(port: number): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await (await fetch(`http://127.0.0.1:${port}/health`)).arrayBuffer();
      return;
    } catch (e) {
      if (tries >= 5) throw e;
    }
  }
}
