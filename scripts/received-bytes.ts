// The frames an SDK client's WebSocket receives, as each is handed to its room: the transport gives
// every frame to `connection.events.onmessage`. (A listener of its own on the socket made `ws` build
// a second message event for every frame.) Used by the load test (bytes per client per second) and
// bench:server (bytes of the patches a seated client receives per kind of action).
import type { Room } from "@colyseus/sdk";

/** Calls `seen` with every frame `room` receives from now on, before the room reads it. */
export function onFrame(room: Room, seen: (frame: ArrayBuffer) => void): void {
  const events = (room.connection as unknown as { events: { onmessage?: (e: { data: ArrayBuffer }) => void } }).events;
  const deliver = events.onmessage;
  if (!deliver) return;
  events.onmessage = (e) => {
    seen(e.data);
    deliver(e);
  };
}
