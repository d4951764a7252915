// The garbage collector's pauses of this process, as V8 reports them (perf_hooks "gc" entries):
// how many, their p99 and longest, and the time they took in all, since the last reading. The load
// test reads them beside the event-loop lag (/health?stats), so a stall can be told apart from the
// collector's. Each entry is the main thread's pause; marking that V8 does on its own threads meanwhile
// is not in it.
import { PerformanceObserver, constants } from "node:perf_hooks";

export interface GcPauseFigures {
  gcPauses: number;
  gcP99Ms: number;
  gcMaxMs: number;
  /** The longest full (mark-compact) pause; the others are young-generation scavenges. */
  gcMajorMaxMs: number;
  gcTotalMs: number;
  /** Young-generation scavenges: how many, and the longest. */
  gcMinorPauses: number;
  gcMinorMaxMs: number;
  gcMajorPauses: number;
  /** The full collections' pauses in all. */
  gcMajorTotalMs: number;
}

/** Starts recording; each call of the returned function gives the figures since the last and starts again. */
export function recordGcPauses(): () => GcPauseFigures {
  let pauses: number[] = [];
  let majorMax = 0;
  let minor = 0;
  let minorMax = 0;
  let major = 0;
  let majorTotal = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push(entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        major++;
        majorTotal += entry.duration;
        majorMax = Math.max(majorMax, entry.duration);
      } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        minor++;
        minorMax = Math.max(minorMax, entry.duration);
      }
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return () => {
    const sorted = pauses.sort((a, b) => a - b);
    const at = (p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
    const out = { gcPauses: sorted.length, gcP99Ms: at(0.99), gcMaxMs: at(1), gcMajorMaxMs: majorMax, gcTotalMs: sorted.reduce((a, b) => a + b, 0), gcMinorPauses: minor, gcMinorMaxMs: minorMax, gcMajorPauses: major, gcMajorTotalMs: majorTotal };
    pauses = [];
    majorMax = minorMax = minor = major = majorTotal = 0;
    return out;
  };
}
