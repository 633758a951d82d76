import { afterEach, describe, expect, it } from "vitest";
import { buttonsOf, type Harness, harness } from "./support/harness.ts";

/** Presses Done on today's /daily at a given instant: one study action. */
async function studyAt(h: Harness, iso: string, name = "sam") {
  h.clock.set(iso);
  const daily = await h.command(h.member(name), "daily");
  const done = buttonsOf(daily.message).find((b) => b.action.startsWith("daily.done:"));
  if (!done) throw new Error(`no Done button at ${iso}: ${daily.text}`);
  return h.click(h.member(name), done.action);
}

async function streakText(h: Harness, name = "sam") {
  return (await h.command(h.member(name), "streak")).text;
}

describe("streaks", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("crosses local midnight in a +05:45 zone where UTC would still see one day", async () => {
    // Kathmandu is UTC+05:45: 23:30 and 00:20 local are 17:45 and 18:35 on the same UTC day.
    h = await harness({ now: "2026-01-09T06:00:00Z", timezone: "Asia/Kathmandu" });
    await studyAt(h, "2026-01-10T17:45:00Z");
    await studyAt(h, "2026-01-10T18:35:00Z");
    expect(await streakText(h)).toContain("Streak: 2 days");
    const stats = await h.store.memberStats("test:w1:c1", "u-sam");
    expect(stats).toMatchObject({ current: 2, best: 2, lastActive: "2026-01-11" });
  });

  it("keeps a streak across the spring-forward day in New York, and counts the 23-hour day once", async () => {
    h = await harness({ now: "2026-03-06T12:00:00Z", timezone: "America/New_York" });
    await studyAt(h, "2026-03-08T04:30:00Z"); // Sat 7 Mar 23:30 EST
    await studyAt(h, "2026-03-08T06:30:00Z"); // Sun 8 Mar 01:30 EST
    await studyAt(h, "2026-03-09T03:30:00Z"); // Sun 8 Mar 23:30 EDT: same day again
    await studyAt(h, "2026-03-09T04:30:00Z"); // Mon 9 Mar 00:30 EDT
    const stats = await h.store.memberStats("test:w1:c1", "u-sam");
    expect(stats).toMatchObject({ current: 3, best: 3, lastActive: "2026-03-09" });
  });

  it("counts the 25-hour fall-back day once in Adelaide (+10:30/+09:30) and breaks after a missed day", async () => {
    h = await harness({ now: "2026-04-01T00:00:00Z", timezone: "Australia/Adelaide" });
    // Adelaide leaves daylight time on Sun 5 Apr 2026 at 03:00 local (+10:30 -> +09:30).
    await studyAt(h, "2026-04-04T13:00:00Z"); // Sat 4 Apr 23:30 ACDT
    await studyAt(h, "2026-04-04T14:00:00Z"); // Sun 5 Apr 00:30 ACDT
    await studyAt(h, "2026-04-05T14:00:00Z"); // Sun 5 Apr 23:30 ACST: same day
    let stats = await h.store.memberStats("test:w1:c1", "u-sam");
    expect(stats).toMatchObject({ current: 2, best: 2, lastActive: "2026-04-05" });
    h.clock.set("2026-04-07T02:00:00Z"); // Tue 7 Apr: Monday was missed
    expect(await streakText(h)).toContain("Streak: 0 days");
    await studyAt(h, "2026-04-07T02:00:00Z");
    stats = await h.store.memberStats("test:w1:c1", "u-sam");
    expect(stats).toMatchObject({ current: 1, best: 2 });
  });

  it("starts the day after a skipped midnight at its own midnight in Santiago", async () => {
    // Chile springs forward at midnight: Sun 6 Sep 2026 begins at 01:00 (-04:00 -> -03:00), so
    // that day is 23 hours long and Monday starts at 00:00 again.
    h = await harness({ now: "2026-09-04T12:00:00Z", timezone: "America/Santiago" });
    await studyAt(h, "2026-09-06T15:00:00Z"); // Sun 6 Sep 12:00
    await studyAt(h, "2026-09-07T03:30:00Z"); // Mon 7 Sep 00:30
    await studyAt(h, "2026-09-08T15:00:00Z"); // Tue 8 Sep 12:00
    const stats = await h.store.memberStats("test:w1:c1", "u-sam");
    expect(stats).toMatchObject({ current: 3, best: 3, lastActive: "2026-09-08", checkIns: 3 });
  });

  it("counts quiz answers as study actions too", async () => {
    h = await harness({ now: "2026-02-01T10:00:00Z" });
    await studyAt(h, "2026-02-01T10:00:00Z");
    h.clock.set("2026-02-02T10:00:00Z");
    const posted = await h.command(h.member("alice"), "quiz", "nodejs");
    const action = buttonsOf(posted.message)[0]?.action ?? "";
    await h.click(h.member("sam"), action);
    expect(await streakText(h)).toContain("Streak: 2 days");
  });
});

describe("weekday groups", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("never break a streak over a weekend, studied or not", async () => {
    h = await harness({ now: "2026-06-01T06:00:00Z" });
    await h.command(h.member("olga", true), "studygroup", "setup start=2026-06-01 days=weekdays");
    const quizAt = async (iso: string) => {
      h.clock.set(iso);
      const posted = await h.command(h.member("olga", true), "quiz", "nodejs");
      await h.click(h.member("sam"), buttonsOf(posted.message)[0]?.action ?? "");
    };
    await quizAt("2026-06-04T10:00:00Z"); // Thursday
    await quizAt("2026-06-05T10:00:00Z"); // Friday
    h.clock.set("2026-06-06T10:00:00Z"); // Saturday, no study: still alive
    expect(await streakText(h)).toContain("Streak: 2 days");
    await quizAt("2026-06-08T10:00:00Z"); // Monday
    expect(await h.store.memberStats("test:w1:c1", "u-sam")).toMatchObject({ current: 3 });
    await quizAt("2026-06-13T10:00:00Z"); // Saturday after a missed week: a new run starts
    expect(await h.store.memberStats("test:w1:c1", "u-sam")).toMatchObject({ current: 1, best: 3 });
    await quizAt("2026-06-15T10:00:00Z"); // Monday: the Saturday counts, the run goes on
    for (const day of ["16", "17", "18", "19"]) await quizAt(`2026-06-${day}T10:00:00Z`); // Tuesday to Friday
    await quizAt("2026-06-20T10:00:00Z"); // Saturday: studying on a weekend extends it
    await quizAt("2026-06-22T10:00:00Z"); // Monday
    expect(await h.store.memberStats("test:w1:c1", "u-sam")).toMatchObject({ current: 8, best: 8 });
  });
});
