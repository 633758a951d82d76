import { afterEach, describe, expect, it } from "vitest";
import { FULL, type Harness, harness } from "./support/harness.ts";

describe("/studygroup", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });
  const group = "test:w1:c1";

  it("names every bad value and what is allowed, and saves nothing", async () => {
    h = await harness({ now: "2026-06-01T10:00:00Z" });
    const olga = h.member("olga", true);
    const before = await h.app.services.groups.settings(group);
    const reply = await h.command(
      olga,
      "studygroup",
      "setup time=25:00 timezone=Mars/Base start=2026-02-30 plan=cobol",
    );
    expect(reply.kind).toBe("private");
    expect(reply.text).toContain("Nothing was changed.");
    expect(reply.text).toContain('time "25:00" is not a time of day: use HH:MM from 00:00 to 23:59');
    expect(reply.text).toContain('timezone "Mars/Base" is not an IANA time zone');
    expect(reply.text).toContain('start "2026-02-30" is not a date: use YYYY-MM-DD');
    expect(reply.text).toContain('plan "cobol" is not one of: ');
    expect(reply.text).toContain("node-30-day");
    // One bad value among good ones still saves nothing.
    const mixed = await h.command(olga, "studygroup", "setup time=07:00 timezone=Nowhere/City");
    expect(mixed.text).toContain("Nothing was changed");
    expect(await h.app.services.groups.settings(group)).toEqual(before);
    for (const [args, message] of [
      ["setup days=sometimes", "days must be one of every, weekdays"],
      ["setup quiz=5", "quiz must be at least 10"],
      ["setup quiz=soon", "quiz must be a whole number"],
      ["explode", "action must be one of status, setup, pause, resume, reset, summary"],
      ["setup colour=red", '/studygroup has no argument "colour"'],
    ] as const) {
      const r = await h.command(olga, "studygroup", args);
      expect(r.kind, args).toBe("private");
      expect(r.text, args).toContain(message);
    }
    expect(await h.app.services.groups.settings(group)).toEqual(before);
  });

  it("saves a valid setup in one go and shows it to everyone in status", async () => {
    h = await harness({ now: "2026-06-01T10:00:00Z" });
    const saved = await h.command(
      h.member("olga", true),
      "studygroup",
      "setup time=7:05 timezone=asia/kolkata plan=node-30-day start=tomorrow days=weekdays quiz=90",
    );
    expect(saved.kind).toBe("reply");
    expect(saved.text).toContain("Daily posts are on");
    const settings = await h.app.services.groups.settings(group);
    expect(settings).toMatchObject({
      postTime: "07:05",
      timezone: "Asia/Kolkata",
      plan: "node-30-day",
      startDate: "2026-06-02",
      weekdaysOnly: true,
      quizSeconds: 90,
      scheduled: true,
      organizer: "u-olga",
    });
    const status = await h.command(h.member("ann"), "studygroup");
    expect(status.kind).toBe("private");
    expect(status.text).toContain("07:05 Asia/Kolkata, weekdays only");
    expect(status.text).toContain("starts Tue 2 Jun 2026");
    expect(status.text).toContain("90 s");
  });

  it("refuses members who may not manage the group, but keeps status open", async () => {
    h = await harness();
    const ann = h.member("ann");
    for (const action of ["setup time=08:00", "pause", "resume", "reset", "summary"]) {
      const r = await h.command(ann, "studygroup", action);
      expect(r.kind, action).toBe("private");
      expect(r.text, action).toContain("Only organizers can");
    }
    expect((await h.app.services.groups.settings(group)).scheduled).toBe(false);
    expect((await h.command(ann, "studygroup", "status")).text).toContain("Study group settings");
  });

  it("on Slack, the member who sets a group up first becomes its organizer", async () => {
    h = await harness();
    const slackLike = { ...FULL, organizerByFirstSetup: true };
    const run = (name: string, text: string, admin = false) =>
      h.app.bot.handle(
        h.platform.event(
          { id: `u-${name}`, name, resolveOrganizer: async () => admin },
          h.place,
          { kind: "command", command: "studygroup", text },
          slackLike,
        ),
      );
    expect(await run("sam", "setup time=08:00")).toBe("ok");
    expect((await h.app.services.groups.settings(group)).organizer).toBe("u-sam");
    expect(await run("tim", "setup time=09:00")).toBe("user-error");
    expect(h.platform.last().text).toContain("Only organizers can");
    expect(await run("sam", "setup time=09:30")).toBe("ok");
    expect(await run("ada", "setup time=10:00", true)).toBe("ok");
    expect((await h.app.services.groups.settings(group)).postTime).toBe("10:00");
  });

  it("pauses the plan on its day and resumes with the next day; reset restarts, keeping points", async () => {
    h = await harness({ now: "2026-06-01T10:00:00Z" });
    const olga = h.member("olga", true);
    await h.command(olga, "studygroup", "setup start=2026-05-30"); // 1 June is day 3
    await h.click(h.member("ann"), "daily.done:node-30-day:3");
    expect((await h.command(olga, "studygroup", "pause")).text).toContain("Paused by olga");
    h.clock.set("2026-06-05T10:00:00Z");
    const paused = await h.command(h.member("ann"), "daily");
    expect(paused.text).toContain("Day 3 of 30");
    expect(paused.text).toContain("The group is paused");
    expect((await h.command(olga, "studygroup", "resume")).text).toContain("We are on day 4");
    expect((await h.command(h.member("ann"), "daily")).text).toContain("Day 4 of 30");
    expect((await h.command(olga, "studygroup", "resume")).text).toContain("not paused");
    const reset = await h.command(olga, "studygroup", "reset");
    expect(reset.text).toContain("today is day 1 again");
    expect((await h.command(h.member("ann"), "daily")).text).toContain("Day 1 of 30");
    // A new run: day 1 can be checked in again, and earlier points are kept.
    expect((await h.click(h.member("ann"), "daily.done:node-30-day:1")).text).toContain(
      "Checked in for day 1: +5 points",
    );
    const board = await h.store.leaderboard(group, { kind: "all" }, "u-ann", 10);
    expect(board.me?.score).toBe(10);
    const stats = await h.store.memberStats(group, "u-ann");
    expect(stats.progress).toEqual({ "node-30-day#1": 1, "node-30-day#2": 1 });
  });

  it("a start from today on restarts check-ins; a start moved into the past keeps them", async () => {
    h = await harness({ now: "2026-06-01T10:00:00Z" });
    const olga = h.member("olga", true);
    const ann = h.member("ann");
    await h.command(olga, "studygroup", "setup start=2026-06-01");
    await h.click(ann, "daily.done:node-30-day:1");
    h.clock.set("2026-06-03T10:00:00Z"); // day 3
    const restarted = await h.command(olga, "studygroup", "setup start=today");
    expect(restarted.text).toContain("Check-ins start afresh");
    expect((await h.click(ann, "daily.done:node-30-day:1")).text).toContain(
      "Checked in for day 1: +5 points",
    );
    // Moving day 1 two days back only fixes the calendar: day 1 stays checked in.
    const corrected = await h.command(olga, "studygroup", "setup start=2026-06-01");
    expect(corrected.text).not.toContain("afresh");
    expect((await h.click(ann, "daily.done:node-30-day:1")).text).toContain("already checked in for day 1");
    expect((await h.store.memberStats(group, "u-ann")).progress).toEqual({
      "node-30-day#1": 1,
      "node-30-day#2": 1,
    });
  });

  it("switching plans starts the new plan today unless a start is given", async () => {
    h = await harness({ now: "2026-06-10T10:00:00Z" });
    const olga = h.member("olga", true);
    await h.command(olga, "studygroup", "setup start=2026-06-01");
    const other = [...h.app.services.content.plans.keys()].find((p) => p !== "node-30-day");
    if (!other) return;
    await h.command(olga, "studygroup", `setup plan=${other}`);
    expect(await h.app.services.groups.settings(group)).toMatchObject({
      plan: other,
      startDate: "2026-06-10",
    });
  });
});

describe("two first setups at once", () => {
  it("make exactly one of them the organizer", async () => {
    const h = await harness();
    try {
      const slackLike = { ...FULL, organizerByFirstSetup: true };
      const setup = (name: string) =>
        h.app.bot.handle(
          h.platform.event(
            { id: `u-${name}`, name, resolveOrganizer: async () => false },
            h.place,
            { kind: "command", command: "studygroup", text: `setup time=0${name.length}:00` },
            slackLike,
          ),
        );
      const outcomes = await Promise.all([setup("sam"), setup("tim"), setup("kira"), setup("lena")]);
      const winner = (await h.app.services.groups.settings("test:w1:c1")).organizer;
      expect(["u-sam", "u-tim", "u-kira", "u-lena"]).toContain(winner);
      // Only the organizer's setup goes through; the other three are refused, whatever the timing.
      expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
      const refused = h.platform.delivered.filter((d) => d.text.includes("Only organizers can"));
      expect(refused).toHaveLength(3);
      expect(refused.map((d) => d.actor)).not.toContain(winner);
    } finally {
      await h.close();
    }
  });
});
