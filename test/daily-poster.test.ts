import { describe, expect, it } from "vitest";
import { shortId } from "../src/core/ids.ts";
import {
  buttonsOf,
  type Harness,
  harness,
  ManualClock,
  RecordingPlatform,
  harnessesClosedAfterEach,
} from "./support/harness.ts";

/** Sets the group up as its organizer would, at the harness clock's current time. */
async function setUp(h: Harness, options: string) {
  const reply = await h.command(h.member("olga", true), "studygroup", `setup ${options}`);
  expect(reply.text, reply.text).toContain("Saved by olga");
}

const posts = (h: Harness) => h.platform.delivered.filter((d) => d.kind === "post");

describe("daily posts", () => {
  const make = harnessesClosedAfterEach();

  it("posts at each group's local time in three zones, a +05:45 one included", async () => {
    const clock = new ManualClock(Date.parse("2026-06-01T00:00:00Z"));
    const platform = new RecordingPlatform();
    const h = await make({ clock, platform });
    const zones = [
      { channel: "ktm", zone: "Asia/Kathmandu", time: "07:15", dueUtc: "2026-06-02T01:30:00Z" },
      { channel: "nyc", zone: "America/New_York", time: "09:00", dueUtc: "2026-06-02T13:00:00Z" },
      { channel: "adl", zone: "Australia/Adelaide", time: "06:00", dueUtc: "2026-06-01T20:30:00Z" },
    ];
    for (const z of zones) {
      await h.command(
        h.member("olga", true),
        "studygroup",
        `setup time=${z.time} timezone=${z.zone} start=2026-06-02`,
        {
          ...h.place,
          channel: z.channel,
        },
      );
    }
    platform.clear();
    for (const z of [...zones].sort((a, b) => a.dueUtc.localeCompare(b.dueUtc))) {
      clock.set(new Date(Date.parse(z.dueUtc) - 60_000).toISOString());
      await h.app.poster.tick();
      expect(posts(h).map((p) => p.ref?.channel)).not.toContain(z.channel);
      clock.set(z.dueUtc);
      await h.app.poster.tick();
      const mine = posts(h).filter((p) => p.ref?.channel === z.channel);
      expect(mine, z.zone).toHaveLength(1);
      expect(mine[0]?.text).toContain("Day 1 of 30 · Event loop deep dive");
      expect(buttonsOf(mine[0]?.message ?? { blocks: [] }).map((b) => b.action)).toEqual([
        "daily.done:node-30-day:1",
      ]);
    }
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(3);
  });

  it("posts once on the spring-forward day, at the first minute after a skipped post time", async () => {
    // New York skips 02:00-03:00 on Sun 8 Mar 2026.
    const h = await make({ now: "2026-03-07T12:00:00Z" });
    await setUp(h, "time=02:30 timezone=America/New_York start=2026-03-07");
    h.platform.clear();
    h.clock.set("2026-03-08T06:59:00Z"); // 01:59 EST
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(0);
    h.clock.set("2026-03-08T07:00:00Z"); // 03:00 EDT
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(1);
    expect(posts(h)[0]?.text).toContain("Day 2 of 30");
    h.clock.set("2026-03-08T10:00:00Z");
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(1);
  });

  it("posts once when the post time comes twice on the fall-back day", async () => {
    // New York repeats 01:00-02:00 on Sun 1 Nov 2026.
    const h = await make({ now: "2026-10-31T12:00:00Z" });
    await setUp(h, "time=01:30 timezone=America/New_York start=2026-10-31");
    h.platform.clear();
    h.clock.set("2026-11-01T05:30:00Z"); // 01:30 EDT
    await h.app.poster.tick();
    h.clock.set("2026-11-01T06:30:00Z"); // 01:30 EST, the second time
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(1);
  });

  it("makes exactly one post when two bot processes share one Redis", async () => {
    const prefix = `p${shortId(8)}`;
    const clock = new ManualClock(Date.parse("2026-06-01T06:00:00Z"));
    const platform = new RecordingPlatform();
    const a = await make({ prefix, clock, platform });
    const b = await make({ prefix, clock, platform });
    await setUp(a, "time=08:00 timezone=UTC start=today");
    platform.clear();
    clock.set("2026-06-01T08:00:00Z");
    await Promise.all([a.app.poster.tick(), b.app.poster.tick(), a.app.poster.tick(), b.app.poster.tick()]);
    expect(posts(a)).toHaveLength(1);
  });

  it("catches up a missed post on start, once, and never twice across restarts", async () => {
    const prefix = `p${shortId(8)}`;
    const clock = new ManualClock(Date.parse("2026-06-01T06:00:00Z"));
    const platform = new RecordingPlatform();
    const first = await make({ prefix, clock, platform });
    await setUp(first, "time=08:00 timezone=UTC start=today");
    await first.close();
    platform.clear();
    clock.set("2026-06-01T15:00:00Z"); // the bot was down at 08:00
    const restarted = await make({ prefix, clock, platform });
    restarted.app.startSchedules();
    await restarted.app.poster.tick();
    expect(posts(restarted)).toHaveLength(1);
    await restarted.close();
    const again = await make({ prefix, clock, platform });
    again.app.startSchedules();
    await again.app.poster.tick();
    expect(posts(again)).toHaveLength(1);
  });

  it("follows a settings change at once: the next post moves", async () => {
    const h = await make({ now: "2026-06-01T06:00:00Z" });
    await setUp(h, "time=08:00 timezone=UTC start=today");
    h.platform.clear();
    await setUp(h, "time=10:00");
    h.platform.clear();
    h.clock.set("2026-06-01T08:00:00Z");
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(0);
    h.clock.set("2026-06-01T10:00:00Z");
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(1);
  });

  it("skips weekends for weekday groups, paused groups and groups never set up", async () => {
    const h = await make({ now: "2026-06-05T06:00:00Z" }); // a Friday
    await setUp(h, "time=08:00 timezone=UTC start=today days=weekdays");
    await h.command(h.member("ann"), "daily", "", { ...h.place, channel: "never-set-up" });
    h.platform.clear();
    h.clock.set("2026-06-06T09:00:00Z"); // Saturday
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(0);
    h.clock.set("2026-06-08T09:00:00Z"); // Monday: day 2
    await h.app.poster.tick();
    expect(posts(h).map((p) => p.text.match(/Day \d+ of 30/)?.[0])).toEqual(["Day 2 of 30"]);
    await h.command(h.member("olga", true), "studygroup", "pause");
    h.clock.set("2026-06-09T09:00:00Z");
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(1);
  });

  it("posts a mock-interview kit on mock days and the summary on the last day", async () => {
    const h = await make({ now: "2026-06-01T06:00:00Z" });
    await setUp(h, "time=08:00 timezone=UTC start=2026-05-26"); // 1 June is day 7
    h.platform.clear();
    h.clock.set("2026-06-01T08:00:00Z");
    await h.app.poster.tick();
    const kit = posts(h)[0];
    expect(kit?.text).toContain("Day 7 of 30");
    expect(kit?.text).toContain("Mock interview kit");
    const actions = buttonsOf(kit?.message ?? { blocks: [] }).map((b) => b.action);
    expect(actions.filter((a) => a.startsWith("interview.open:q:node-30-day:"))).toHaveLength(4);
    expect(actions.filter((a) => a.startsWith("interview.open:s:"))).toHaveLength(1);
    expect(actions).toContain("daily.done:node-30-day:7");

    await setUp(h, "start=2026-05-03"); // 1 June is day 30
    h.platform.clear();
    h.clock.set("2026-06-01T09:00:00Z");
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(0); // today's post was already made
    h.clock.set("2026-06-02T09:00:00Z");
    await setUp(h, "start=2026-05-04"); // 2 June is day 30
    h.platform.clear();
    await h.app.poster.tick();
    const [last, summary] = posts(h);
    expect(last?.text).toContain("Day 30 of 30");
    expect(summary?.text).toContain("the end of the plan");
    expect(summary?.text).toContain("Longest streaks");
  });
});

describe("a daily post whose platform fails", () => {
  it("releases the claim so the next minute retries, and never posts twice once sent", async () => {
    const h = await harness({ now: "2026-06-01T06:00:00Z" });
    try {
      await setUp(h, "time=08:00 timezone=UTC start=today");
      h.platform.clear();
      h.clock.set("2026-06-01T08:00:00Z");
      const post = h.platform.post.bind(h.platform);
      h.platform.post = async () => {
        throw new Error("503 from the platform");
      };
      expect(await h.app.poster.tick()).toEqual(["failed"]);
      h.platform.post = post;
      h.clock.set("2026-06-01T08:01:00Z");
      expect(await h.app.poster.tick()).toEqual(["posted"]);
      // The schedule looks at the group again tomorrow only; a look anyway finds the day done.
      expect(await h.app.poster.tick()).toEqual([]);
      expect(await h.app.poster.postIfDue("test:w1:c1")).toBe("done");
      expect(await h.store.nextPostCheck("test:w1:c1")).toBe(Date.parse("2026-06-02T08:00:00Z"));
      expect(posts(h)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
