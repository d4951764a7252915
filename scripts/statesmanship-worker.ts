// Plays a range of seeds of the statesmanship check for scripts/statesmanship.ts.
import { parentPort, workerData } from "node:worker_threads";
import { playSeed, type SeatResult } from "../shared/experiments/statesmanship.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const { from, to, scenarioPath } = workerData as { from: number; to: number; scenarioPath?: string };
const scenario = scenarioFromFile(scenarioPath);
const rows: SeatResult[] = [];
for (let seed = from; seed < to; seed++) rows.push(...playSeed(scenario, seed));
parentPort?.postMessage(rows);
