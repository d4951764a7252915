// Plays a share of the tournament's units for scripts/tournament.ts.
import { parentPort, workerData } from "node:worker_threads";
import { playUnit, type TournamentOptions, type TournamentUnit, type UnitResult } from "../shared/bots/tournament.ts";
import { scenarioFromFile } from "./scenario-file.ts";

const { units, seed, options, scenarioPath } = workerData as { units: TournamentUnit[]; seed: number; options: TournamentOptions; scenarioPath?: string };
const scenario = scenarioFromFile(scenarioPath);
const results: UnitResult[] = units.map((u) => playUnit(scenario, seed, u, options));
parentPort?.postMessage(results);
