import { describe, expect, it } from "vitest";
import { shortId } from "../src/core/ids.ts";
import {
  buttonsOf,
  type Harness,
  ManualClock,
  RecordingPlatform,
  harnessesClosedAfterEach,
} from "./support/harness.ts";

const directs = (h: Harness, member?: string) =>
  h.platform.delivered.filter((d) => d.kind === "direct" && (!member || d.actor === member));

describe("reminders", () => {
  const make = harnessesClosedAfterEach();
  /** Moves the clock to `iso` and runs one scheduler pass; gives the direct messages it sent. */
  async function tickAt(h: Harness, iso: string) {
    const before = h.platform.delivered.length;
    h.clock.set(iso);
    await h.app.poster.tick();
    return h.platform.delivered.slice(before).filter((d) => d.kind === "direct");
  }

  it("nudges at the member's local time on days they have not studied, across Adelaide's DST change (+09:30 → +10:30)", async () => {
    // Adelaide moves from 02:00 ACST to 03:00 ACDT on Sun 4 Oct 2026.
    const h = await make({ now: "2026-10-03T00:00:00Z", timezone: "Australia/Adelaide" });
    const alice = h.member("alice");
    const set = await h.command(alice, "remind", "at 19:30");
    expect(set.kind).toBe("private");
    expect(set.text).toContain("Reminder set: at 19:30 (Australia/Adelaide)");
    expect((await h.command(alice, "remind")).text).toContain("Your reminder is at 19:30");

    // Studied on Sat 3 Oct before 19:30 ACST (10:00Z): no nudge that day.
    await h.click(alice, "daily.done:node-30-day:1");
    expect(await tickAt(h, "2026-10-03T10:00:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-10-03T13:00:00Z")).toEqual([]);

    // Sun 4 Oct, 19:30 ACDT is 09:00Z: an hour earlier in UTC than the day before.
    expect(await tickAt(h, "2026-10-04T08:59:00Z")).toEqual([]);
    const sent = await tickAt(h, "2026-10-04T09:00:00Z");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.actor).toBe(alice.id);
    expect(sent[0]?.text).toContain("Your 1-day streak in <#c1> ends tonight");
    expect(buttonsOf(sent[0]?.message ?? { blocks: [] }).map((b) => b.action)).toEqual(["remind.stop:w1:c1"]);
    // At most one a day.
    expect(await tickAt(h, "2026-10-04T09:01:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-10-04T13:00:00Z")).toEqual([]);

    // Mon 5 Oct: the run ended on Sunday, so the nudge says so.
    const monday = await tickAt(h, "2026-10-05T09:00:00Z");
    expect(monday[0]?.text).toContain("You haven't studied in <#c1> today yet");
  });

  it("says how many reviews are due, and that a held freeze will be spent rather than the run ended", async () => {
    const h = await make({ now: "2026-06-01T08:00:00Z", quizSeconds: 60 });
    const ivy = h.member("ivy");
    await h.command(ivy, "remind", "at 19:00");
    // Seven study days in a row earn a freeze; one of them a wrong quiz answer, due for review.
    for (let day = 1; day <= 7; day++) {
      h.clock.set(`2026-06-0${day}T09:00:00Z`);
      await h.click(ivy, `daily.done:node-30-day:${day}`);
    }
    const started = await h.command(h.member("joe"), "quiz", "nodejs");
    const roundId = (buttonsOf(started.message)[0]?.action ?? "").split(":")[1] ?? "";
    const round = await h.store.getRound("test:w1:c1", roundId);
    await h.click(ivy, `quiz.answer:${roundId}:${((round?.answer ?? 0) + 1) % (round?.optionCount ?? 2)}`);
    h.clock.advance(61_000);
    await h.app.closer.sweep();
    const [sent] = await tickAt(h, "2026-06-08T19:00:00Z");
    expect(sent?.text).toContain("tonight your 7-day streak spends a freeze (1 held); 1 review is due");
  });

  it("sends a reminder set in a time Chatham skips (+12:45 → +13:45) at the first minute after the gap", async () => {
    // Chatham moves from 02:45 to 03:45 on Sun 27 Sep 2026 (13:59Z is 02:44 CHAST, 14:00Z is 03:45 CHADT).
    const h = await make({ now: "2026-09-25T00:00:00Z", timezone: "Pacific/Chatham" });
    const bob = h.member("bob");
    await h.command(bob, "remind", "at 03:00");
    expect(await tickAt(h, "2026-09-25T14:14:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-09-25T14:15:00Z")).toHaveLength(1); // Sat 03:00 CHAST
    expect(await tickAt(h, "2026-09-26T13:59:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-09-26T14:00:00Z")).toHaveLength(1);
    expect(await tickAt(h, "2026-09-26T15:00:00Z")).toEqual([]);
    // Mon 28 Sep at 03:00 CHADT is 13:15Z.
    expect(await tickAt(h, "2026-09-27T13:14:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-09-27T13:15:00Z")).toHaveLength(1);
  });

  it("sends each reminder exactly once when two processes on one Redis tick together (Kathmandu, +05:45)", async () => {
    const prefix = `t${shortId(10)}`;
    const clock = new ManualClock(Date.parse("2026-06-01T00:00:00Z"));
    const platform = new RecordingPlatform();
    const one = await make({ prefix, clock, platform, timezone: "Asia/Kathmandu" });
    const two = await make({ prefix, clock, platform, timezone: "Asia/Kathmandu" });
    const members = ["a", "b", "c", "d", "e"].map((n) => one.member(n));
    for (const m of members) await one.command(m, "remind", "at 21:00");
    for (const day of ["2026-06-01", "2026-06-02"]) {
      clock.set(`${day}T15:15:00Z`); // 21:00 in Kathmandu
      await Promise.all([one.app.poster.tick(), two.app.poster.tick(), one.app.poster.tick()]);
      await Promise.all([one.app.poster.tick(), two.app.poster.tick()]);
    }
    for (const m of members) expect(directs(one, m.id), m.name).toHaveLength(2);
  });

  it("turns reminders off for a member whose DMs are closed and tells them once, privately, on their next command", async () => {
    const h = await make({ now: "2026-06-01T08:00:00Z" });
    const carol = h.member("carol");
    await h.command(carol, "remind", "at 19:00");
    await h.command(carol, "digest", "on");
    h.platform.closedDms.add(carol.id);
    expect(await tickAt(h, "2026-06-01T19:00:00Z")).toEqual([]);
    expect(await h.store.reminderOf("test:w1:c1", carol.id)).toBeUndefined();
    expect(await h.store.wantsDigest("test:w1:c1", carol.id)).toBe(false);
    expect(await h.store.nudgeCheck({ kind: "remind", group: "test:w1:c1", memberId: carol.id })).toBe(
      undefined,
    );
    h.platform.clear();
    await h.command(carol, "streak");
    const notice = h.platform.delivered.filter((d) =>
      d.text.includes("won't let me send you direct messages"),
    );
    expect(notice).toHaveLength(1);
    expect(notice[0]?.kind).toBe("private");
    h.platform.clear();
    await h.command(carol, "streak");
    expect(h.platform.delivered.filter((d) => d.text.includes("direct messages"))).toEqual([]);
    expect(await tickAt(h, "2026-06-02T19:00:00Z")).toEqual([]);
  });

  it("tells a member with closed DMs at once where the platform shows private messages outside of events", async () => {
    const platform = new RecordingPlatform();
    platform.privateOutsideEvents = true;
    const h = await make({ now: "2026-06-01T08:00:00Z", platform });
    const dan = h.member("dan");
    await h.command(dan, "remind", "at 19:00");
    platform.closedDms.add(dan.id);
    await tickAt(h, "2026-06-01T19:00:00Z");
    const told = platform.delivered.filter((d) => d.kind === "ephemeral");
    expect(told).toHaveLength(1);
    expect(told[0]?.actor).toBe(dan.id);
    platform.clear();
    await h.command(dan, "streak");
    expect(platform.delivered.filter((d) => d.text.includes("direct messages"))).toEqual([]);
  });

  it("stops with the button in the direct message, clicked outside the group's channel", async () => {
    const h = await make({ now: "2026-06-01T08:00:00Z" });
    const erin = h.member("erin");
    await h.command(erin, "remind", "at 19:00");
    const [sent] = await tickAt(h, "2026-06-01T19:00:00Z");
    const stop = buttonsOf(sent?.message ?? { blocks: [] })[0]?.action ?? "";
    const dm = { platform: "test", workspace: "dm", channel: `dm-${erin.id}` };
    const stopped = await h.click(erin, stop, dm);
    expect(stopped.kind).toBe("update");
    expect(stopped.text).toContain("Reminders stopped for #c1");
    expect(await h.store.reminderOf("test:w1:c1", erin.id)).toBeUndefined();
    expect(await h.store.nudgeCheck({ kind: "remind", group: "test:w1:c1", memberId: erin.id })).toBe(
      undefined,
    );
    expect(await tickAt(h, "2026-06-02T19:00:00Z")).toEqual([]);
  });

  it("catches up after downtime on the same day, and never sends a missed day's reminder the day after", async () => {
    const h = await make({ now: "2026-06-01T08:00:00Z" });
    const fay = h.member("fay");
    await h.command(fay, "remind", "at 19:00");
    // Down from 18:00 to 22:30: the reminder goes out when the bot is back, that evening.
    expect(await tickAt(h, "2026-06-01T22:30:00Z")).toHaveLength(1);
    // Down all of 2 June: nothing on the morning of 3 June, then that evening's.
    expect(await tickAt(h, "2026-06-03T07:00:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-06-03T19:00:00Z")).toHaveLength(1);
  });

  it("skips rest days of a weekday-only group", async () => {
    const h = await make({ now: "2026-06-05T08:00:00Z" }); // Friday
    await h.command(h.member("olga", true), "studygroup", "setup days=weekdays time=06:00");
    const gus = h.member("gus");
    await h.command(gus, "remind", "at 19:00");
    expect(await tickAt(h, "2026-06-05T19:00:00Z")).toHaveLength(1);
    expect(await tickAt(h, "2026-06-06T19:00:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-06-07T19:00:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-06-08T19:00:00Z")).toHaveLength(1);
  });

  it("refuses bad input clearly, and platforms without direct messages", async () => {
    const h = await make();
    const hal = h.member("hal");
    expect((await h.command(hal, "remind", "at 25:00")).text).toContain('"25:00" is not a time of day');
    expect((await h.command(hal, "remind", "at")).text).toContain("Give the time for your reminder");
    expect((await h.command(hal, "remind", "off 19:30")).text).toContain('A time goes with "at"');
    expect((await h.command(hal, "remind", "soon")).text).toMatch(/action must be one of|status/);
    expect((await h.command(hal, "remind", "at 7:05")).text).toContain("Reminder set: at 07:05");
    const noDms = h.platform.event(
      hal,
      h.place,
      { kind: "command", command: "remind", text: "at 19:00" },
      { privateReplies: true, forms: false, threads: false, editMessages: true },
    );
    h.platform.clear();
    await h.app.bot.handle(noDms);
    expect(h.platform.last().text).toContain("I can't send those here");
    expect((await h.command(hal, "remind", "off")).text).toContain("Reminders stopped");
  });
});
