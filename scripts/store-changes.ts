// A played game's log cut into the changes a table's pipeline hands its durable record
// (server/intent-pipeline.ts): each action alone, except the week's decisions, which are held one
// by one (a change that records no action, only the held submissions) and then handed to the rules
// together in one change. Shared by the store's benchmarks (bench-action.ts, bench-store.ts).
import type { Action } from "../shared/actions.ts";

export interface StoreChange {
  /** The log position of the change's first action. */
  from: number;
  /** The actions the change applies (none while a decision is only held). */
  actions: Action[];
  /** The decisions held after the change. */
  held: Array<[string, { decision: unknown; by: string }]>;
}

export function changesOf(log: readonly Action[]): StoreChange[] {
  const changes: StoreChange[] = [];
  for (let i = 0; i < log.length; ) {
    if (log[i]!.type !== "decide") {
      changes.push({ from: i, actions: [log[i]!], held: [] });
      i++;
      continue;
    }
    let end = i;
    const held: StoreChange["held"] = [];
    for (; end < log.length && log[end]!.type === "decide"; end++) {
      held.push([(log[end] as { by?: string }).by ?? String(end - i), { decision: (log[end] as { decision?: unknown }).decision, by: "P" }]);
      changes.push({ from: i, actions: [], held: [...held] });
    }
    changes.push({ from: i, actions: log.slice(i, end), held: [] });
    i = end;
  }
  return changes;
}
