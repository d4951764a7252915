export * from "./policy.ts";
export * from "./utility.ts";
export { randomPolicy } from "./random-policy.ts";
export { greedyPolicy } from "./greedy-policy.ts";
export { candidateTerms, randomTerm } from "./offer-candidates.ts";
export { acceptThenBreakPolicy, lastWeekBetrayalPolicy } from "./exploit-policies.ts";
export { absentPolicy, idleDecisions, passiveDecisions } from "./passive-policy.ts";
