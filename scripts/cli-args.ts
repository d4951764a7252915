// A small, strict parser for the project's command-line scripts: unknown flags and bad numbers are
// reported, never ignored.
export type FlagSpec = Record<string, "number" | "string" | "boolean">;

export function parseFlags<T extends FlagSpec>(argv: string[], spec: T): { [K in keyof T]?: T[K] extends "number" ? number : T[K] extends "boolean" ? boolean : string } {
  const out: Record<string, number | string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) fail(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) fail(`unknown option --${name}; known: ${Object.keys(spec).map((k) => `--${k}`).join(", ")}`);
    if (kind === "boolean") {
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    if (kind === "number") {
      const n = Number(value);
      if (!Number.isFinite(n)) fail(`--${name} must be a number, not "${value}"`);
      out[name] = n;
    } else out[name] = value;
  }
  return out as never;
}

export function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

/** The size of an experiment run — games, first seed, worker threads — with defaults, refused clearly when out of range. */
export function runSize(flags: { games?: number; seed?: number; workers?: number }, defaultGames: number): { games: number; seed: number; workers: number } {
  const games = flags.games ?? defaultGames;
  const seed = flags.seed ?? 1;
  const workers = flags.workers ?? 2;
  if (!Number.isInteger(games) || games < 1 || games > 100_000) fail("--games must be a whole number from 1 to 100,000");
  if (!Number.isSafeInteger(seed)) fail("--seed must be a whole number");
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) fail("--workers must be from 1 to 16");
  return { games, seed, workers };
}
