// At `hard`, a bot checks its planned decision against a few alternatives by playing the week out
// many times with the rules engine from what it believes, the others deciding greedily, and keeps
// the alternative with the best average result (flare-ups and events are drawn at random each time).
import { PARTY_IDS, type PartyId } from "../ids.ts";
import type { Scenario } from "../scenario-schema.ts";
import type { Decision, GameState } from "../state.ts";
import type { Random } from "../rng.ts";
import { cloneState } from "../apply.ts";
import { ownParty } from "../draft-ops.ts";
import { checkDecision, emptyDecision } from "../decisions.ts";
import { resolveRound } from "../resolve-round.ts";
import { greedyDecision } from "../policies/greedy-policy.ts";
import { utility, type UtilityWeights } from "../policies/utility.ts";

export function rolloutDecision(
  scenario: Scenario,
  belief: GameState,
  me: PartyId,
  planned: Decision,
  rollouts: number,
  random: Random,
  weights: UtilityWeights,
): { decision: Decision; changed: boolean; note: string } {
  const others = {} as Record<PartyId, Decision>;
  for (const p of PARTY_IDS) if (p !== me) others[p] = greedyDecision(scenario, belief, p);
  const candidates: Array<{ decision: Decision; note: string }> = [
    { decision: planned, note: "" },
    { decision: { ...planned, moves: [] }, note: "a look ahead favoured making no unilateral move" },
    // Keeping every commitment rules out the moves that would contradict one of them.
    {
      decision: { ...planned, breaks: [], moves: planned.moves.filter((m) => checkDecision(scenario, belief, me, { ...emptyDecision(), moves: [m] }) === null) },
      note: "a look ahead favoured keeping every commitment",
    },
  ];
  let best = { index: 0, value: -Infinity };
  candidates.forEach((candidate, index) => {
    let total = 0;
    for (let k = 0; k < rollouts; k++) {
      const t = cloneState(belief);
      t.rng = Math.floor(random.next() * 2 ** 32) >>> 0;
      t.stage = "decisions";
      for (const p of PARTY_IDS) ownParty(t, p).decision = p === me ? candidate.decision : (others[p] ?? null);
      resolveRound(scenario, t);
      total += utility(scenario, t, me, true, weights);
    }
    const value = total / rollouts;
    // Prefer the plan unless an alternative is clearly better.
    if (value > best.value + (index === 0 ? 0 : 0.5)) best = { index, value };
  });
  const chosen = candidates[best.index] ?? candidates[0]!;
  return { decision: chosen.decision, changed: best.index !== 0, note: chosen.note };
}
