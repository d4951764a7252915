// Worker threads for the experiment scripts (balance, thesis, statesmanship): seeds split into
// ranges, one range a worker, so a run uses every core and still gives the same results per seed.
import { Worker } from "node:worker_threads";

/** Runs one worker script with `workerData` and resolves with its single reply. */
export function runWorker<T>(url: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(url, { workerData });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

/** Plays seeds [seed, seed + games) in `workers` ranges (`{ ...data, from, to }` each) and returns the results in seed order. */
export async function playSeedRanges<T>(url: URL, seed: number, games: number, workers: number, data: object = {}): Promise<T[]> {
  const chunk = Math.ceil(games / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const from = seed + i * chunk;
      const to = Math.min(seed + games, from + chunk);
      return from < to ? runWorker<T[]>(url, { ...data, from, to }) : Promise.resolve([] as T[]);
    }),
  );
  return parts.flat();
}
