// The framework's floor for the benchmarks: a bare Colyseus room that sets one field and sends the
// patch at once. Nothing else, so its latency is what Colyseus itself costs on this machine.
// Loaded lazily by the server side of a benchmark, which is the only part that needs it.
export async function floorRoomDefinition() {
  const { defineRoom, Room } = await import("@colyseus/core");
  const { schema, t } = await import("@colyseus/schema");
  const FloorState = schema({ value: t.number().default(0) }, "FloorState");
  class FloorRoom extends Room<{ state: InstanceType<typeof FloorState> }> {
    override maxClients = 6;
    override onCreate() {
      this.state = new FloorState();
      this.onMessage("set", (_client, value: unknown) => {
        this.state.value = typeof value === "number" ? value : 0;
        this.broadcastPatch();
      });
    }
  }
  return defineRoom(FloorRoom);
}
