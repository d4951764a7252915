// The matchmaker's list of rooms in this process (without Redis), found by code in one step.
//
// Colyseus's LocalDriver answers every lookup — `joinById(code)` for each person joining a table by
// its code, a restored room's owner check — by copying its whole list of rooms and filtering every
// one of them. At 400 tables (about 600 rooms open with the finished ones) and ~90 joins a second,
// that walk was 1% of the server's busy time in a CPU profile, and it grows with the rooms. A
// lookup by code alone is what every one of those calls makes; here it is a map's. Any other
// question (a query, conditions beyond the code) is Colyseus's own, unchanged.
import { LocalDriver, type IRoomCache as Listing, type SortOptions } from "@colyseus/core";

export class RoomDirectory extends LocalDriver {
  #byCode = new Map<string, Listing>();

  override findOne(conditions: Partial<Listing>, sortOptions?: SortOptions): Promise<Listing> {
    const keys = Object.keys(conditions);
    // What Colyseus's query gives: the listing with that code, or nothing (callers await either).
    if (keys.length === 1 && keys[0] === "roomId" && typeof conditions.roomId === "string") return Promise.resolve(this.#byCode.get(conditions.roomId)!);
    return super.findOne(conditions, sortOptions);
  }

  override async insert(room: Listing): Promise<boolean> {
    const inserted = await super.insert(room);
    if (inserted) this.#byCode.set(room.roomId, room);
    return inserted;
  }

  override persist(room: Listing, create = false): boolean {
    const persisted = super.persist(room, create);
    if (persisted) this.#byCode.set(room.roomId, room);
    return persisted;
  }

  override remove(roomId: string): boolean {
    this.#byCode.delete(roomId);
    return super.remove(roomId);
  }

  override clear(): void {
    this.#byCode.clear();
    super.clear();
  }
}
