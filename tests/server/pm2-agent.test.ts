// A started server does not run PM2's monitoring agent outside PM2 (server/pm2-agent.ts): Colyseus
// loads it, and it would list every socket of the process once a second on the event loop.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer } from "../../server/app.ts";

let running: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  running = await startServer(0, { clientDist: null, store: null }, "127.0.0.1");
});
afterAll(async () => {
  await running.close();
});

describe("PM2's agent", () => {
  it("is stopped: nothing lists the process's handles in the second after the server starts", async () => {
    const listing = vi.spyOn(process as unknown as { _getActiveHandles(): unknown[] }, "_getActiveHandles");
    try {
      // The agent's timer lists them every second: a window of more than a second sees it if it runs.
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(listing).not.toHaveBeenCalled();
    } finally {
      listing.mockRestore();
    }
  });
});
