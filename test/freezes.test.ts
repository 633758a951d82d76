import { Redis } from "ioredis";
import { DateTime } from "luxon";
import { afterEach, describe, expect, inject, it } from "vitest";
import { progressCardData } from "../commands/progress/card-data.ts";
import { creditFor } from "../src/app/credit.ts";
import { shortId } from "../src/core/ids.ts";
import { addDays } from "../src/domain/calendar.ts";
import { FREEZE_RULE, studyDaysAround } from "../src/domain/freezes.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import { buttonsOf, type Harness, harness, ManualClock } from "./support/harness.ts";

const GROUP = "test:w1:c1";

/** The UTC instant of a local wall time in a zone. */
function local(wall: string, zone: string): string {
  const t = DateTime.fromISO(wall, { zone });
  if (!t.isValid) throw new Error(`no such local time ${wall} in ${zone}`);
  return t.toUTC().toISO() as string;
}

/** Presses Done on today's /daily at an instant: one study action. */
async function studyAt(h: Harness, iso: string, name = "sam") {
  h.clock.set(iso);
  const daily = await h.command(h.member(name), "daily");
  const done = buttonsOf(daily.message).find((b) => b.action.startsWith("daily.done:"));
  if (!done) throw new Error(`no Done button at ${iso}: ${daily.text}`);
  return h.click(h.member(name), done.action);
}

/** Studies at noon UTC on `n` days in a row from `from`. */
async function studyDays(h: Harness, from: string, n: number, name = "sam") {
  for (let i = 0; i < n; i++) await studyAt(h, `${addDays(from, i)}T12:00:00Z`, name);
}

async function streakAt(h: Harness, iso: string, name = "sam") {
  h.clock.set(iso);
  return (await h.command(h.member(name), "streak")).text;
}

const stats = (h: Harness, name = "sam") => h.store.memberStats(GROUP, `u-${name}`);

describe("the freeze rule's days", () => {
  it("passes the study days before and after a day, skipping weekends for weekday groups", () => {
    expect(studyDaysAround("2026-06-08", true)).toEqual({
      before: ["2026-06-05", "2026-06-04", "2026-06-03"],
      after: ["2026-06-09", "2026-06-10"],
    });
    expect(studyDaysAround("2026-06-05", true).after).toEqual(["2026-06-08", "2026-06-09"]);
    // A Saturday action in a weekday group: Friday is the previous study day, Monday the next.
    expect(studyDaysAround("2026-06-06", true)).toEqual({
      before: ["2026-06-05", "2026-06-04", "2026-06-03"],
      after: ["2026-06-08", "2026-06-09"],
    });
    expect(studyDaysAround("2027-01-01", false)).toEqual({
      before: ["2026-12-31", "2026-12-30", "2026-12-29"],
      after: ["2027-01-02", "2027-01-03"],
    });
  });

  it("is stated in /help with the numbers the store applies", async () => {
    const h = await harness();
    const help = (await h.command(h.member("sam"), "help")).text;
    await h.close();
    expect(help).toContain(`Every ${FREEZE_RULE.studyDaysPerFreeze}th day of a streak`);
    expect(help).toContain(`you hold at most ${FREEZE_RULE.maxHeld}`);
    expect(help).toContain("never spend a freeze");
  });
});

describe("streak freezes", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("covers one missed day with the freeze a 7-day run earned, shown before it is recorded", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    await studyDays(h, "2026-03-02", 6);
    expect(await streakAt(h, "2026-03-07T13:00:00Z")).toMatch(
      /Freezes held\W+0 of 2 \(next in 1 day of study\)/,
    );
    await studyAt(h, "2026-03-08T12:00:00Z"); // the 7th day earns one
    expect(await stats(h)).toMatchObject({ current: 7, freezes: 1, freezeDays: [] });
    expect(await streakAt(h, "2026-03-09T20:00:00Z")).toContain("If you miss today, a freeze covers it.");
    // Monday 9 is missed; on Tuesday /streak shows the freeze spent on it before anything is recorded.
    const shown = await streakAt(h, "2026-03-10T08:00:00Z");
    expect(shown).toContain("Streak: 7 days");
    expect(shown).toMatch(/Freezes held\W+0 of 2/);
    expect(shown).toMatch(/Freezes spent on\W+Mon 9 Mar 2026/);
    expect(shown).toContain("A freeze kept it alive over Mon 9 Mar 2026.");
    expect(await stats(h)).toMatchObject({ freezes: 1, freezeDays: [] });
    await studyAt(h, "2026-03-10T12:00:00Z");
    expect(await stats(h)).toMatchObject({ current: 8, best: 8, freezes: 0, freezeDays: ["2026-03-09"] });
    expect(await streakAt(h, "2026-03-10T13:00:00Z")).toMatch(/Freezes spent on\W+Mon 9 Mar 2026/);
  });

  it("covers two missed days in a row with two freezes, and caps the freezes held at two", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    await studyDays(h, "2026-03-02", 21); // the 7th, 14th and 21st days: the third is lost
    expect(await stats(h)).toMatchObject({ current: 21, freezes: 2 });
    expect(await streakAt(h, "2026-03-22T13:00:00Z")).toMatch(/Freezes held\W+2 of 2\W/);
    const shown = await streakAt(h, "2026-03-25T08:00:00Z"); // 23 and 24 missed
    expect(shown).toContain("Streak: 21 days");
    expect(shown).toContain("Freezes kept it alive over Mon 23 Mar 2026, Tue 24 Mar 2026.");
    await studyAt(h, "2026-03-25T12:00:00Z");
    expect(await stats(h)).toMatchObject({
      current: 22,
      freezes: 0,
      freezeDays: ["2026-03-23", "2026-03-24"],
    });
  });

  it("ends a run with more missed days than freezes, spending those held on the first missed days", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    await studyDays(h, "2026-03-02", 14);
    expect(await stats(h)).toMatchObject({ current: 14, freezes: 2 });
    // 16 and 17 are covered; on 18, still not over, the run lives (and has no freeze left).
    const lastChance = await streakAt(h, "2026-03-18T20:00:00Z");
    expect(lastChance).toContain("Streak: 14 days");
    expect(lastChance).not.toContain("If you miss today");
    // Once 18 is over, nothing covers it.
    const ended = await streakAt(h, "2026-03-19T08:00:00Z");
    expect(ended).toContain("Streak: 0 days");
    expect(ended).toContain("Your streak ended on Wed 18 Mar 2026, a missed study day with no freeze left.");
    expect(ended).toMatch(/Freezes spent on\W+Mon 16 Mar 2026, Tue 17 Mar 2026/);
    await studyAt(h, "2026-03-20T12:00:00Z"); // four days missed: the same outcome is recorded
    expect(await stats(h)).toMatchObject({
      current: 1,
      best: 14,
      freezes: 0,
      freezeDays: ["2026-03-16", "2026-03-17"],
    });
  });
});

/**
 * A freeze earned on the last day before a clock change and spent on the day of the change (23 or
 * 25 hours long), studying at 23:30 and 00:30 local, where a day boundary off by the offset or the
 * change would show.
 */
describe.each([
  // Adelaide leaves daylight time on Sun 5 Apr 2026 at 03:00 (+10:30 -> +09:30): a 25-hour day.
  { zone: "Australia/Adelaide", first: "2026-03-29", changeDay: "2026-04-05", label: "Sun 5 Apr 2026" },
  // New York springs forward on Sun 8 Mar 2026 at 02:00 (-05:00 -> -04:00): a 23-hour day.
  { zone: "America/New_York", first: "2026-03-01", changeDay: "2026-03-08", label: "Sun 8 Mar 2026" },
])("a freeze across the clock change in $zone", ({ zone, first, changeDay, label }) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("is earned on the 7th day and spent on the change day, which ends at its own local midnight", async () => {
    h = await harness({ now: local(`${first}T12:00`, zone), timezone: zone });
    for (let i = 0; i < 7; i++) {
      // Alternately late and just after midnight: still one study action per local day.
      const time = i % 2 === 0 ? "23:30" : "00:30";
      await studyAt(h, local(`${addDays(first, i)}T${time}`, zone));
    }
    expect(await stats(h)).toMatchObject({ current: 7, freezes: 1, lastActive: addDays(changeDay, -1) });
    // The change day is missed. Ten minutes before its local midnight it is not over yet.
    const before = await streakAt(h, local(`${changeDay}T23:50`, zone));
    expect(before).toContain("If you miss today, a freeze covers it.");
    expect(before).not.toContain("Freezes spent on");
    // Ten minutes after, it is: the freeze covers it.
    const nextDay = addDays(changeDay, 1);
    const after = await streakAt(h, local(`${nextDay}T00:10`, zone));
    expect(after).toContain("Streak: 7 days");
    expect(after).toContain(`A freeze kept it alive over ${label}.`);
    await studyAt(h, local(`${nextDay}T00:30`, zone));
    expect(await stats(h)).toMatchObject({
      current: 8,
      freezes: 0,
      freezeDays: [changeDay],
      lastActive: nextDay,
    });
  });
});

describe("freezes in reminders, the weekly digest, /progress and its card", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("tell of the freezes held and the days they covered", async () => {
    h = await harness({ now: "2026-03-02T08:00:00Z" });
    const sam = h.member("sam");
    await h.command(sam, "remind", "at 19:30");
    await h.command(sam, "digest", "on");
    await studyDays(h, "2026-03-02", 7); // Mon 2 to Sun 8 March: one freeze
    const directsAt = async (iso: string) => {
      const before = h.platform.delivered.length;
      h.clock.set(iso);
      await h.app.poster.tick();
      return h.platform.delivered.slice(before).filter((d) => d.kind === "direct");
    };
    // Monday 09:00: the week's digest counts the freeze held.
    const digest = await directsAt("2026-03-09T09:00:00Z");
    expect(digest[0]?.text).toContain("Your week");
    expect(digest[0]?.text).toMatch(/Streak freezes\W+1/);
    // Monday 19:30, not studied: the streak does not end tonight, a freeze would cover the day.
    const nudge = await directsAt("2026-03-09T19:30:00Z");
    expect(nudge[0]?.text).toContain(
      "You haven't studied in <#c1> today: tonight your 7-day streak spends a freeze (1 held)",
    );
    // Tuesday: the freeze covered Monday; the progress card marks that day.
    const now = Date.parse("2026-03-10T08:00:00Z");
    const card = await progressCardData(h.store, {
      group: GROUP,
      memberId: sam.id,
      name: "sam",
      now,
      calendar: { timezone: "UTC", weekdaysOnly: false },
    });
    expect(card).toMatchObject({ freezes: ["2026-03-09"], streak: { current: 7 } });
    // /progress says the same in words: no freeze held now, and the day it covered.
    h.clock.set("2026-03-10T08:00:00Z");
    const progress = await h.command(sam, "progress");
    expect(progress.text).toMatch(/Freezes held\W+0 of 2/);
    expect(progress.text).toMatch(/Freezes spent on\W+Mon 9 Mar/);
    // Tuesday 19:30, not studied, no freeze left: now it ends tonight.
    const last = await directsAt("2026-03-10T19:30:00Z");
    expect(last[0]?.text).toContain("Your 7-day streak in <#c1> ends tonight");
  });
});

describe("streak freezes in weekday groups", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("never spend a freeze on a weekend, and spend one on a missed Friday", async () => {
    h = await harness({ now: "2026-06-01T06:00:00Z" });
    await h.command(h.member("olga", true), "studygroup", "setup start=2026-06-01 days=weekdays");
    const quizAt = async (day: string) => {
      h.clock.set(`${day}T10:00:00Z`);
      const posted = await h.command(h.member("olga", true), "quiz", "nodejs");
      await h.click(h.member("sam"), buttonsOf(posted.message)[0]?.action ?? "");
    };
    for (const day of ["01", "02", "03", "04", "05", "08", "09"]) await quizAt(`2026-06-${day}`);
    expect(await stats(h)).toMatchObject({ current: 7, freezes: 1 });
    for (const day of ["10", "11", "12"]) await quizAt(`2026-06-${day}`);
    // The weekend of 13-14 June is no study day: Monday finds nothing missed.
    expect(await streakAt(h, "2026-06-15T08:00:00Z")).not.toContain("kept it alive");
    for (const day of ["15", "16", "17", "18"]) await quizAt(`2026-06-${day}`);
    expect(await stats(h)).toMatchObject({ current: 14, freezes: 2, freezeDays: [] });
    // Friday 19 missed, then the weekend: one freeze, for Friday only.
    expect(await streakAt(h, "2026-06-21T12:00:00Z")).toContain(
      "A freeze kept it alive over Fri 19 Jun 2026.",
    );
    await quizAt("2026-06-22");
    expect(await stats(h)).toMatchObject({ current: 15, freezes: 1, freezeDays: ["2026-06-19"] });
    // Tuesday and Wednesday missed with one freeze: Tuesday is covered, Wednesday ends the run.
    expect(await streakAt(h, "2026-06-25T08:00:00Z")).toContain("Your streak ended on Wed 24 Jun 2026");
    await quizAt("2026-06-25");
    expect(await stats(h)).toMatchObject({
      current: 1,
      best: 15,
      freezes: 0,
      freezeDays: ["2026-06-19", "2026-06-23"],
    });
  });
});

it("spends a freeze inside the answer's one round trip to Redis", async () => {
  const client = new Redis(inject("redisUrl"));
  const store = new RedisStore(client, {
    prefix: `t${shortId(10)}`,
    scoring: DEFAULT_SCORING,
    clock: "caller",
  });
  const calendar = { timezone: "UTC", weekdaysOnly: false };
  const actor = { id: "m", name: "m", isOrganizer: false };
  for (let d = 0; d < 7; d++) {
    const at = Date.parse(`${addDays("2026-03-02", d)}T12:00:00Z`);
    await store.creditAction(GROUP, creditFor(actor, at, calendar), { points: 0, perDay: 0 }, "mocks");
  }
  const now = Date.parse("2026-03-10T12:00:00Z"); // 9 March missed
  const round = { id: "r1", questionId: "q", answer: 1, optionCount: 3, startedBy: "a", timezone: "UTC" };
  await store.createRound(GROUP, { ...round, startedAt: now, closesAt: now + 60_000 }, 120);
  const other = { ...actor, id: "w" };
  await store.answerRound(GROUP, "r1", 0, now, creditFor(other, now, calendar)); // loads the script
  const sent: string[] = [];
  const send = client.sendCommand.bind(client);
  client.sendCommand = (command, ...rest) => {
    sent.push(command.name);
    return send(command, ...rest);
  };
  expect(await store.answerRound(GROUP, "r1", 1, now, creditFor(actor, now, calendar))).toMatchObject({
    status: "accepted",
  });
  expect(sent).toEqual(["evalsha"]);
  client.sendCommand = send;
  expect(await store.memberStats(GROUP, "m")).toMatchObject({
    current: 8,
    freezes: 0,
    freezeDays: ["2026-03-09"],
  });
  await store.close();
});

describe("streak freezes with two processes", () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
  });

  it("spend each missed day's freeze once when two processes credit the same members at the same time", async () => {
    // Two bot processes on one Redis and one clock: one takes the check-ins, the other the quiz answers.
    const prefix = `t${shortId(10)}`;
    const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
    const a = await harness({ prefix, clock });
    const b = await harness({ prefix, clock });
    harnesses.push(a, b);
    const members = Array.from({ length: 20 }, (_, i) => `m${i}`);
    // Seven days of check-ins, alternating processes (one at a time: the harness reads each reply).
    for (let d = 0; d < 7; d++) {
      for (const m of members) await studyAt(d % 2 === 0 ? a : b, `${addDays("2026-03-02", d)}T12:00:00Z`, m);
    }
    for (const m of members) expect(await stats(a, m)).toMatchObject({ current: 7, freezes: 1 });

    // 9 March is missed; on the 10th every member acts twice at once, through both processes.
    clock.set("2026-03-10T12:00:00Z");
    const daily = await a.command(a.member("olga"), "daily");
    const done = buttonsOf(daily.message).find((x) => x.action.startsWith("daily.done:"))?.action ?? "";
    const posted = await b.command(b.member("olga"), "quiz", "nodejs");
    const answer = buttonsOf(posted.message)[0]?.action ?? "";
    const outcomes = await Promise.all(
      members.flatMap((m) => [
        a.app.bot.handle(a.platform.event(a.member(m), a.place, { kind: "button", action: done })),
        b.app.bot.handle(b.platform.event(b.member(m), b.place, { kind: "button", action: answer })),
      ]),
    );
    expect(outcomes.every((o) => o === "ok")).toBe(true);
    for (const m of members) {
      expect(await stats(a, m)).toMatchObject({
        current: 8,
        freezes: 0,
        freezeDays: ["2026-03-09"],
        checkIns: 8,
        answers: 1,
      });
    }
  });
});
