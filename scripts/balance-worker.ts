// Plays a range of seeded tables of normal bots for scripts/balance.ts and posts one record a game.
import { parentPort, workerData } from "node:worker_threads";
import { PARTY_IDS, defaultScenario, playGame, type PartyId, type Policy } from "../shared/index.ts";
import { botPolicy, gameRecord, tablePersonas, type GameRecord } from "../shared/bots/index.ts";

const { from, to } = workerData as { from: number; to: number };
const scenario = defaultScenario();
const records: GameRecord[] = [];
for (let seed = from; seed < to; seed++) {
  const personas = tablePersonas(seed);
  const seats = Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed })])) as Record<PartyId, Policy>;
  const played = playGame(scenario, { seed }, seats);
  if (!played.ok) throw new Error(played.error.message);
  records.push(gameRecord(scenario, played.value.state, played.value.log.actions, personas));
}
parentPort?.postMessage(records);
