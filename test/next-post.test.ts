import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { realContent } from "./support/harness.ts";
import { NEVER, nextPostCheck, postInstant } from "../src/scheduler/next-post.ts";

const at = (iso: string) => Date.parse(iso);

/** The poster's own rule, minute by minute: the first minute of `day` whose local time is `time` or later. */
function bruteForce(day: string, time: string, zone: string): number {
  const [h = 0, m = 0] = time.split(":").map(Number);
  const start = DateTime.fromISO(day, { zone }).startOf("day").toMillis();
  for (let t = start; ; t += 60_000) {
    const local = DateTime.fromMillis(t, { zone });
    if (local.toISODate() !== day) throw new Error(`no ${time} on ${day} in ${zone}`);
    if (local.hour * 60 + local.minute >= h * 60 + m) return t;
  }
}

describe("the post instant of a day", () => {
  it.each([
    ["a +05:45 zone", "2026-06-02", "07:15", "Asia/Kathmandu", "2026-06-02T01:30:00Z"],
    [
      "Lord Howe before its 30-minute spring-forward",
      "2026-10-03",
      "02:15",
      "Australia/Lord_Howe",
      "2026-10-02T15:45:00Z",
    ],
    [
      "Lord Howe skipping 02:00-02:30: the first minute after",
      "2026-10-04",
      "02:15",
      "Australia/Lord_Howe",
      "2026-10-03T15:30:00Z",
    ],
    [
      "Lord Howe repeating 01:30-02:00: the first coming",
      "2026-04-05",
      "01:45",
      "Australia/Lord_Howe",
      "2026-04-04T14:45:00Z",
    ],
    ["Lord Howe after its fall-back", "2026-04-06", "01:45", "Australia/Lord_Howe", "2026-04-05T15:15:00Z"],
    [
      "Adelaide (+09:30) skipping 02:00-03:00",
      "2026-10-04",
      "02:30",
      "Australia/Adelaide",
      "2026-10-03T16:30:00Z",
    ],
    ["New York skipping 02:00-03:00", "2026-03-08", "02:30", "America/New_York", "2026-03-08T07:00:00Z"],
    ["New York repeating 01:00-02:00", "2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00Z"],
    [
      "Santiago, whose midnight is skipped",
      "2026-09-06",
      "00:15",
      "America/Santiago",
      "2026-09-06T04:00:00Z",
    ],
  ])("%s", (_, day, time, zone, expected) => {
    expect(new Date(postInstant(day, time, zone)).toISOString()).toBe(new Date(expected).toISOString());
    expect(postInstant(day, time, zone)).toBe(bruteForce(day, time, zone));
  });

  it("agrees with the poster's minute-by-minute rule on every day around clock changes", () => {
    const zones = [
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Australia/Adelaide",
      "America/New_York",
      "Europe/London",
    ];
    const days = ["2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...days),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        (zone, day, minutes) => {
          const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
          expect(postInstant(day, time, zone)).toBe(bruteForce(day, time, zone));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("a group's next check", () => {
  const plan = realContent().plans.get("node-30-day");
  const base = {
    scheduled: true,
    timezone: "Australia/Lord_Howe",
    startDate: "2026-10-01",
    weekdaysOnly: false,
    postTime: "02:15",
  };

  it("is today's post while it is not done, even when past (catch-up), else the next study day's", () => {
    const now = at("2026-10-03T20:00:00Z"); // 07:00 on 4 Oct in Lord Howe
    expect(nextPostCheck(plan, base, now, false)).toBe(at("2026-10-03T15:30:00Z"));
    expect(nextPostCheck(plan, base, now, true)).toBe(at("2026-10-04T15:15:00Z"));
  });

  it("skips weekends for weekday groups and waits for the start date", () => {
    const friday = at("2026-10-09T10:00:00Z"); // Fri 9 Oct, 21:00 in Lord Howe
    const weekdays = { ...base, weekdaysOnly: true };
    expect(nextPostCheck(plan, weekdays, friday, true)).toBe(
      postInstant("2026-10-12", "02:15", base.timezone),
    );
    const later = { ...base, startDate: "2026-10-20" };
    expect(nextPostCheck(plan, later, friday, false)).toBe(postInstant("2026-10-20", "02:15", base.timezone));
  });

  it("is NEVER while paused or once the plan is over, and none when daily posts are off", () => {
    const now = at("2026-10-03T20:00:00Z");
    expect(nextPostCheck(plan, { ...base, pausedOn: "2026-10-02" }, now, false)).toBe(NEVER);
    expect(nextPostCheck(plan, { ...base, startDate: "2026-09-05" }, now, true)).toBe(NEVER);
    expect(nextPostCheck(plan, { ...base, scheduled: false }, now, false)).toBeUndefined();
  });
});
