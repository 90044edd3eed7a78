import { parseCronItem, type TimestampDigest } from "graphile-worker";

/**
 * The jobs' schedules in crontab form (UTC), read with the queue library's own parser, so the jobs
 * page's "next run" and the embedded database's in-process scheduler agree with the queue's crontab.
 * No "server-only": pure, and unit-tested.
 */
const MINUTE_MS = 60_000;

export function digest(at: Date): TimestampDigest {
  return { min: at.getUTCMinutes(), hour: at.getUTCHours(), date: at.getUTCDate(), month: at.getUTCMonth() + 1, dow: at.getUTCDay() };
}

export function scheduleMatcher(schedule: string): (at: Date) => boolean {
  const item = parseCronItem({ task: "schedule", match: schedule, identifier: "schedule" });
  return (at) => item.match(digest(at));
}

function floorToMinute(at: Date): number {
  return Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
}

/** The first minute after `after` that the schedule matches, within `horizonDays`; else null. */
export function nextRunAfter(schedule: string, after: Date, horizonDays = 32): Date | null {
  const matches = scheduleMatcher(schedule);
  const start = floorToMinute(after) + MINUTE_MS;
  for (let t = start; t < start + horizonDays * 1440 * MINUTE_MS; t += MINUTE_MS) {
    if (matches(new Date(t))) return new Date(t);
  }
  return null;
}

/** Whether the schedule matches any minute in (from, to]: what the in-process scheduler runs. */
export function dueBetween(schedule: string, from: Date, to: Date): boolean {
  const matches = scheduleMatcher(schedule);
  for (let t = floorToMinute(from) + MINUTE_MS; t <= floorToMinute(to); t += MINUTE_MS) {
    if (matches(new Date(t))) return true;
  }
  return false;
}
