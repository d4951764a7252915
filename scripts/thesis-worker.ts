// Plays a range of seeds in one arm of the thesis experiment for scripts/thesis.ts.
import { parentPort, workerData } from "node:worker_threads";
import { playArm, type Arm, type ThesisGame } from "../shared/experiments/thesis.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const { arm, from, to, scenarioPath } = workerData as { arm: Arm; from: number; to: number; scenarioPath?: string };
const scenario = scenarioFromFile(scenarioPath);
const games: ThesisGame[] = [];
for (let seed = from; seed < to; seed++) games.push(playArm(scenario, arm, seed));
parentPort?.postMessage(games);
