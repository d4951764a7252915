export * from "./persona.ts";
export * from "./bot.ts";
export * from "./belief.ts";
export * from "./bot-policy.ts";
export * from "./package-search.ts";
export * from "./baseline.ts";
export * from "./efficiency.ts";
export * from "./tournament.ts";
