// Seats whose people hand in no decisions: a student who negotiates, or not, then only clicks
// "done". `passiveDecisions` submits nothing at the decisions stage, so the deadline fills the seat's
// decisions in (stand-in.ts); `idleDecisions` hands in the empty decision, which is what such a seat
// played before stand-ins, so the simulator can compare the two with the same negotiation.
import { emptyDecision } from "../decisions.ts";
import type { Policy } from "./policy.ts";

export function passiveDecisions(policy: Policy): Policy {
  return { ...policy, name: `${policy.name}, passive decisions`, passive: true };
}

export function idleDecisions(policy: Policy): Policy {
  return { ...policy, name: `${policy.name}, empty decisions`, decide: () => emptyDecision() };
}

/** A seat that takes no part at all: says it is done at once and decides nothing. */
export const absentPolicy: Policy = {
  name: "absent",
  passive: true,
  negotiate: () => ({ type: "ready" }),
  decide: () => emptyDecision(),
};
