// Every view carries all messages, so a party's messages per week are capped: the cap refuses the
// next one with a readable error and changes nothing.
import { expect, it } from "vitest";
import { MAX_MESSAGES_PER_WEEK, apply, createGame, defaultScenario, type GameState } from "../../shared/index.ts";

it(`a party can send ${MAX_MESSAGES_PER_WEEK} messages a week, and no more`, () => {
  const scenario = defaultScenario();
  const created = createGame(scenario, { seed: 1 });
  if (!created.ok) throw new Error("setup");
  const begun = apply(scenario, created.value, { type: "begin", by: "system" });
  if (!begun.ok) throw new Error("begin");
  let s: GameState = begun.value;
  for (let i = 0; i < MAX_MESSAGES_PER_WEEK; i++) {
    const next = apply(scenario, s, i % 2 ? { type: "statement", by: "qatar", text: `note ${i}` } : { type: "message", by: "qatar", to: "hamas", text: `note ${i}` });
    expect(next.ok).toBe(true);
    if (next.ok) s = next.value;
  }
  const refused = apply(scenario, s, { type: "message", by: "qatar", to: "israel", text: "one more" });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toMatch(/at most/);
  // Another party is not affected.
  expect(apply(scenario, s, { type: "message", by: "israel", to: "qatar", text: "hello" }).ok).toBe(true);
});
