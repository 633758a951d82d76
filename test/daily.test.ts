import { afterEach, describe, expect, it } from "vitest";
import { buttonsOf, type Harness, harness } from "./support/harness.ts";

describe("/daily", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it("counts plan days from the group's start date in the group's zone", async () => {
    // First use on Mon 2 Mar 2026 in Tokyo (UTC+9): the plan starts that day.
    h = await harness({ now: "2026-03-02T01:00:00Z", timezone: "Asia/Tokyo" });
    const first = await h.command(h.member("kai"), "daily");
    expect(first.kind).toBe("reply");
    expect(first.text).toContain("Day 1 of 30 · Event loop deep dive");
    expect(first.text).toContain("Interview question");
    expect(buttonsOf(first.message)).toEqual([
      { action: "daily.done:node-30-day:1", label: "Done with day 1", style: "success" },
    ]);
    // 15:30 UTC on 2 Mar is already 00:30 on 3 Mar in Tokyo.
    h.clock.set("2026-03-02T15:30:00Z");
    expect((await h.command(h.member("kai"), "daily")).text).toContain("Day 2 of 30");
    h.clock.set("2026-03-08T03:00:00Z");
    const mock = await h.command(h.member("kai"), "daily");
    expect(mock.text).toContain("Day 7 of 30");
    expect(mock.text).toContain("Mock interview kit");
    expect(buttonsOf(mock.message).some((b) => b.action.startsWith("interview.open:q:node-30-day:"))).toBe(
      true,
    );
  });

  it("previews another day without a Done button for days still to come", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    await h.command(h.member("kai"), "daily");
    h.clock.set("2026-03-06T12:00:00Z"); // day 5
    const past = await h.command(h.member("kai"), "daily", "3");
    expect(past.text).toContain("Day 3 of 30");
    expect(past.text).toContain("(today is day 5)");
    expect(buttonsOf(past.message).map((b) => b.action)).toEqual(["daily.done:node-30-day:3"]);
    const future = await h.command(h.member("kai"), "daily", "day:12");
    expect(future.text).toContain("Day 12 of 30");
    expect(buttonsOf(future.message)).toEqual([]);
    const review = await h.command(h.member("kai"), "daily", "30");
    expect(review.text).toContain("Review day");
  });

  it("records a Done check-in once, with points, and refuses days not yet reached", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    const kai = h.member("kai");
    await h.command(kai, "daily");
    const done = await h.click(kai, "daily.done:node-30-day:1");
    expect(done.kind).toBe("private");
    expect(done.text).toContain("Checked in for day 1: +5 points");
    const again = await h.click(kai, "daily.done:node-30-day:1");
    expect(again.text).toContain("already checked in for day 1");
    const ahead = await h.click(kai, "daily.done:node-30-day:2");
    expect(ahead.text).toContain("Day 2 has not come yet");
    for (const forged of [
      "daily.done:node-30-day:0",
      "daily.done:node-30-day:31",
      "daily.done:nope:1",
      "daily.done:node-30-day",
      "daily.done:node-30-day:x",
    ]) {
      expect((await h.click(kai, forged)).text, forged).toContain("not one of mine");
    }
    const board = await h.store.leaderboard("test:w1:c1", { kind: "all" }, kai.id, 10);
    expect(board.me?.score).toBe(5);
  });

  it("says when the plan has not started or has finished, and rejects bad days", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    await h.store.ensureGroup("test:w1:c1", { startDate: "2026-03-10" });
    const before = await h.command(h.member("kai"), "daily");
    expect(before.text).toContain("starts on Tue 10 Mar 2026");
    h.clock.set("2026-04-20T12:00:00Z");
    const after = await h.command(h.member("kai"), "daily");
    expect(after.text).toContain("finished on Wed 8 Apr 2026");
    for (const [arg, message] of [
      ["31", "has 30 days"],
      ["0", "day must be at least 1"],
      ["abc", 'day must be a whole number (you gave "abc")'],
      ["2.5", "day must be a whole number"],
      ["1 2", 'Too many arguments for /daily: I don\'t know what to do with "2"'],
      ["week:3", '/daily has no argument "week"'],
    ] as const) {
      const reply = await h.command(h.member("kai"), "daily", arg);
      expect(reply.kind, arg).toBe("private");
      expect(reply.text, arg).toContain(message);
    }
  });
});
