import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { askNode } from "../testkit/redis-cluster.ts";
import { ManualClock } from "./support/harness.ts";
import { discordDriver } from "./support/platforms/discord.ts";
import type { DriverFactory, PlatformDriver, Shown } from "./support/platforms/driver.ts";
import { loopbackDriver } from "./support/platforms/loopback.ts";
import { slackDriver } from "./support/platforms/slack.ts";

const text = (shown: Shown[], audience: Shown["audience"]) =>
  shown
    .filter((s) => s.audience === audience)
    .map((s) => s.text)
    .join("\n");

/**
 * The bot end to end on a real three-master Redis Cluster (REDIS_URL=redis-cluster://…), through
 * each platform's real transport: a quiz round's scripts, the group's settings, the global sets and
 * the due-round list all land in their slots.
 */
describe.each<DriverFactory>([discordDriver, slackDriver, loopbackDriver])(
  "a quiz round on Redis Cluster through $name",
  (factory) => {
    let d: PlatformDriver;
    const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));

    beforeAll(async () => {
      d = await factory.start({ redisUrl: inject("redisClusterUrl"), clock });
    });
    afterAll(async () => {
      await d?.stop();
    });

    it("takes one answer per member and shows the result at close", async () => {
      const { alice, bob } = d.members;
      const started = await d.command(alice, "quiz", { topic: "nodejs" });
      const post = started.find(
        (s) => s.audience === "channel" && s.actions.some((a) => a.startsWith("quiz.")),
      );
      const roundId = post?.actions[0]?.split(":")[1] ?? "";
      const round = await d.bot.app.services.store.getRound(d.group, roundId);
      if (!round) throw new Error(`round ${roundId} is not stored: ${JSON.stringify(started)}`);

      const locked = await d.click(bob, `quiz.answer:${round.id}:${round.answer}`);
      expect(text(locked, "channel")).not.toContain("is locked in");
      if (d.capabilities.privateReplies) expect(text(locked, "member")).toContain("is locked in");
      const again = await d.click(bob, `quiz.answer:${round.id}:${(round.answer + 1) % round.optionCount}`);
      expect(text(again, "channel")).not.toContain("You already answered");

      clock.advance(60_000);
      await d.bot.app.closer.sweep();
      const result = (await d.sentOnItsOwn()).find(
        (s) => s.audience === "channel" && s.text.includes("Quiz closed"),
      );
      expect(result?.text).toContain("Got it right: 1 of 1");
      expect(result?.text).toContain("Bob (+15)");
      expect((await d.bot.app.services.store.memberStats(d.group, bob.id)).answers).toBe(1);
      expect(await d.bot.app.services.store.dueRounds(clock.now(), 10)).toEqual([]);
    });

    it("checks a member in from /daily", async () => {
      const { carol } = d.members;
      await d.command(carol, "daily");
      const done = await d.click(carol, "daily.done:node-30-day:1");
      expect(done.map((s) => s.text).join("\n")).toContain("Checked in for day 1: +5 points");
    });
  },
);

it("ran on a real Cluster: the keys written above are spread over more than one master", async () => {
  const ports = inject("redisClusterUrl")
    .replace("redis-cluster://", "")
    .split(",")
    .map((hostPort) => Number(hostPort.split(":")[1]));
  const sizes = await Promise.all(ports.map((port) => askNode(port, "DBSIZE")));
  expect(sizes.filter((n) => Number(n) > 0).length, JSON.stringify(sizes)).toBeGreaterThan(1);
});
