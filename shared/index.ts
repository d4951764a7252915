// The rules of Ceasefire Table: pure, deterministic, shared by server, client, bots and tools.
export * from "./ids.ts";
export * from "./result.ts";
export * from "./state.ts";
export * from "./actions.ts";
export * from "./scenario-schema.ts";
export * from "./scenario.ts";
export * from "./setup.ts";
export * from "./apply.ts";
export * from "./views.ts";
export * from "./legal.ts";
export * from "./terms.ts";
export * from "./decisions.ts";
export * from "./metrics.ts";
export * from "./outcome.ts";
export * from "./events.ts";
export { Random, seedToRng, nextRandom } from "./rng.ts";
export * from "./policies/index.ts";
export * from "./simulate.ts";
