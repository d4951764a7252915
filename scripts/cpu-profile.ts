// A V8 CPU profile as `node --cpu-prof` writes it, read by the profile scripts
// (cpu-profile-summary.ts, long-tasks.ts).
import { readFileSync } from "node:fs";

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function readProfile(file: string): Profile {
  return JSON.parse(readFileSync(file, "utf8")) as Profile;
}

/** A frame's file as a reader would name it: `server/…`, `shared/…`, or `~/package/…` for a dependency. */
export const shortenUrl = (url: string) =>
  url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "~/").replace(/^.*\/(server|shared|scripts|examples)\//, "$1/");
