import { describe, expect, it } from "vitest";
import { groupWeek } from "../commands/digest/week.ts";
import { GOOD_YAML } from "./support/acme-bank.ts";
import { shortId } from "../src/core/ids.ts";
import type { Actor } from "../src/core/model.ts";
import type { DayStats } from "../src/store/nudges.ts";
import {
  buttonsOf,
  type Harness,
  ManualClock,
  RecordingPlatform,
  harnessesClosedAfterEach,
} from "./support/harness.ts";

const GROUP = "test:w1:c1";

describe("weekly digests", () => {
  const make = harnessesClosedAfterEach();

  /** A quiz round on `topic` at the clock's time: `right` answer it right, `wrong` wrong; closed by the sweep. */
  async function round(h: Harness, topic: string, right: Actor[], wrong: Actor[]) {
    const started = await h.command(right[0] ?? wrong[0] ?? h.member("x"), "quiz", topic);
    const action = buttonsOf(started.message)[0]?.action ?? "";
    const roundId = action.split(":")[1] ?? "";
    const r = await h.store.getRound(GROUP, roundId);
    if (!r) throw new Error("no round");
    for (const m of right) await h.click(m, `quiz.answer:${roundId}:${r.answer}`);
    for (const m of wrong) await h.click(m, `quiz.answer:${roundId}:${(r.answer + 1) % r.optionCount}`);
    h.clock.advance(61_000);
    await h.app.closer.sweep();
    return r.questionId;
  }

  async function tickAt(h: Harness, iso: string) {
    const before = h.platform.delivered.length;
    h.clock.set(iso);
    await h.app.poster.tick();
    return h.platform.delivered.slice(before).filter((d) => d.kind === "direct" || d.kind === "post");
  }

  it("sends opted-in members their week and the channel its summary on Monday 09:00 in Kathmandu (+05:45), once", async () => {
    const h = await make({ now: "2026-06-02T06:00:00Z", timezone: "Asia/Kathmandu", quizSeconds: 60 });
    const [alice, bob, carol] = [h.member("alice"), h.member("bob"), h.member("carol")];
    const olga = h.member("olga", true);
    expect((await h.command(alice, "digest", "on")).text).toContain("Weekly digest on: Mondays at 09:00");
    await h.command(bob, "digest", "on");
    expect((await h.command(carol, "digest", "channel-on")).text).toContain("Only organizers can");
    expect((await h.command(olga, "digest", "channel-on")).text).toContain("turned the weekly summary on");

    await round(h, "nodejs", [alice], [bob, carol]);
    h.clock.set("2026-06-03T06:00:00Z");
    await round(h, "nodejs", [alice, bob], [carol]);
    h.clock.set("2026-06-04T06:00:00Z");
    await round(h, "system-design", [], [alice, bob]);

    // Monday 8 June, 09:00 in Kathmandu is 03:15Z.
    expect(await tickAt(h, "2026-06-08T03:14:00Z")).toEqual([]);
    const sent = await tickAt(h, "2026-06-08T03:15:00Z");
    const toAlice = sent.find((d) => d.kind === "direct" && d.actor === alice.id);
    expect(toAlice?.text).toContain("Your week");
    expect(toAlice?.text).toContain("3 (2 right, 67%)");
    expect(toAlice?.text).toContain("nodejs: 2/2 (100%)");
    expect(toAlice?.text).toContain("system-design: 0/1 (0%)");
    // Weakest first, as the member's memory ranks topics.
    expect(toAlice?.text).toMatch(/Weakest topics\nsystem-design(, [a-z-]+)*: try \/quiz system-design next/);
    expect(toAlice?.text).toMatch(/Reviews due: \d+/);
    expect(toAlice?.text).toContain("Streak freezes: 0");
    expect(buttonsOf(toAlice?.message ?? { blocks: [] }).map((b) => b.action)).toEqual(["digest.stop:w1:c1"]);
    expect(
      sent
        .filter((d) => d.kind === "direct")
        .map((d) => d.actor)
        .sort(),
    ).toEqual([alice.id, bob.id]);
    const summary = sent.filter((d) => d.kind === "post" && d.text.includes("The week in review"));
    expect(summary).toHaveLength(1);
    expect(summary[0]?.text).toContain("Members who studied: 3");
    expect(summary[0]?.text).toContain("Hardest questions");
    expect(summary[0]?.text).toContain("0/2 right (0%)");

    expect(await tickAt(h, "2026-06-08T03:16:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-06-08T12:00:00Z")).toEqual([]);
    // The next week's comes the next Monday.
    expect(await tickAt(h, "2026-06-15T03:14:00Z")).toEqual([]);
    expect((await tickAt(h, "2026-06-15T03:15:00Z")).filter((d) => d.kind === "direct")).toHaveLength(2);
  });

  it("names a question of the group's own bank by its text in the channel's hardest questions", async () => {
    const h = await make({ now: "2026-06-02T06:00:00Z", timezone: "UTC", quizSeconds: 60 });
    const [alice, bob] = [h.member("alice"), h.member("bob")];
    const olga = h.member("olga", true);
    await h.command(olga, "digest", "channel-on");
    const imported = await h.submit(olga, "bank.import:group:auto", { text: GOOD_YAML });
    expect(imported.text).toContain("Imported 2 question(s) on acme-onsite");
    const asked = await round(h, "acme-onsite", [], [alice, bob]);
    expect(asked.startsWith("acme-")).toBe(true);

    const sent = await tickAt(h, "2026-06-08T09:00:00Z");
    const summary = sent.find((d) => d.kind === "post" && d.text.includes("The week in review"));
    expect(summary?.text).toContain("Hardest questions");
    expect(summary?.text).toContain("0/2 right (0%)");
    expect(summary?.text).toMatch(/Orders arrive in bursts|Which structure do most relational databases/);
    expect(summary?.text).not.toContain(asked);
  });

  it("sends each digest exactly once when two processes on one Redis take the same week, and catches up after downtime", async () => {
    const prefix = `t${shortId(10)}`;
    const clock = new ManualClock(Date.parse("2026-06-02T06:00:00Z"));
    const platform = new RecordingPlatform();
    const one = await make({ prefix, clock, platform });
    const two = await make({ prefix, clock, platform });
    const members = ["a", "b", "c", "d"].map((n) => one.member(n));
    for (const m of members) await one.command(m, "digest", "on");
    await one.command(one.member("olga", true), "digest", "channel-on");
    platform.clear();
    // Down all Monday: back on Tuesday 10:00, the week's digests go out then, once.
    clock.set("2026-06-09T10:00:00Z");
    await Promise.all([one.app.poster.tick(), two.app.poster.tick(), two.app.poster.tick()]);
    await Promise.all([one.app.poster.tick(), two.app.poster.tick()]);
    for (const m of members)
      expect(platform.delivered.filter((d) => d.kind === "direct" && d.actor === m.id)).toHaveLength(1);
    expect(platform.delivered.filter((d) => d.text.includes("The week in review"))).toHaveLength(1);
  });

  it("follows Adelaide's clock change (+09:30 → +10:30) and an organizer's new day and time", async () => {
    const h = await make({ now: "2026-09-29T00:00:00Z", timezone: "Australia/Adelaide" });
    const ann = h.member("ann");
    await h.command(ann, "digest", "on");
    // Mon 5 Oct 09:00 ACDT is Sun 4 Oct 22:30Z, an hour earlier in UTC than the week before.
    expect(await tickAt(h, "2026-10-04T22:29:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-10-04T22:30:00Z")).toHaveLength(1);

    expect((await h.command(ann, "digest", "schedule day=friday time=17:30")).text).toContain(
      "Only organizers can",
    );
    const olga = h.member("olga", true);
    expect((await h.command(olga, "digest", "schedule day=friday time=7pm")).text).toContain(
      "is not a time of day",
    );
    expect((await h.command(olga, "digest", "schedule")).text).toContain("Give the day, the time or both");
    expect((await h.command(olga, "digest", "schedule day=friday time=1730")).text).toContain(
      "Fridays at 17:30",
    );
    // Fri 9 Oct 17:30 ACDT is 07:00Z; it is the same ISO week as Monday's, which was sent already.
    expect(await tickAt(h, "2026-10-09T07:00:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-10-16T06:59:00Z")).toEqual([]);
    expect(await tickAt(h, "2026-10-16T07:00:00Z")).toHaveLength(1);
    expect((await h.command(ann, "digest")).text).toContain("Yours is on");
    expect((await h.command(ann, "digest", "on monday")).text).toContain("A day and time go with schedule");
  });

  it("stops with the button in the direct message, and leaves the schedule once nobody wants one", async () => {
    const h = await make({ now: "2026-06-02T06:00:00Z" });
    const zed = h.member("zed");
    await h.command(zed, "digest", "on");
    expect(await h.store.nudgeCheck({ kind: "digest", group: GROUP })).toBe(
      Date.parse("2026-06-08T09:00:00Z"),
    );
    const stopped = await h.click(zed, "digest.stop:w1:c1", {
      platform: "test",
      workspace: "dm",
      channel: "d1",
    });
    expect(stopped.kind).toBe("update");
    expect(stopped.text).toContain("Weekly digest stopped for #c1");
    expect(await h.store.wantsDigest(GROUP, zed.id)).toBe(false);
    expect(await h.store.nudgeCheck({ kind: "digest", group: GROUP })).toBeUndefined();
  });

  it("names the top improvers by accuracy against the week before, with at least three answers in each", () => {
    const day = (members: Record<string, [number, number]>): DayStats => ({
      day: "d",
      questions: new Map([["q1", { answers: 4, correct: 1 }]]),
      members: new Map(
        Object.entries(members).map(([m, [answers, correct]]) => [m, new Map([["t", { answers, correct }]])]),
      ),
    });
    const before = [day({ ann: [4, 1], ben: [4, 3], cy: [2, 0] })];
    const week = [day({ ann: [4, 4], ben: [4, 2], cy: [4, 4] })];
    const summary = groupWeek(week, before);
    expect(summary.improvers).toEqual([{ memberId: "ann", before: 0.25, after: 1 }]);
    expect(summary.answerers.size).toBe(3);
    expect(summary.hardest.map((q) => q.questionId)).toEqual(["q1"]);
  });
});
