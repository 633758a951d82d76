import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../commands/index.ts";
import { createApp } from "../src/app.ts";
import { defineCommand } from "../src/core/command.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createRedisClient, RedisStore } from "../src/store/redis-store.ts";
import {
  FULL,
  type Harness,
  harness,
  makeStore,
  ManualClock,
  RecordingPlatform,
  realContent,
} from "./support/harness.ts";

describe("commands", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it("/help lists every command, the scoring rule and the topics from the bank", async () => {
    h = await harness();
    const help = await h.command(h.member("ann"), "help");
    expect(help.kind).toBe("private");
    for (const c of commands) expect(help.text).toContain(`/${c.name}`);
    expect(help.text).toContain("Correct quiz answer: 10 points, plus a speed bonus of up to 5");
    expect(help.text).toContain("/remind at 19:30 sends you a direct message at that time (UTC)");
    expect(help.text).toContain("every Monday at 09:00");
    expect(help.text).toContain("check-in: 5 points");
    for (const [topic, file] of realContent().topics)
      expect(help.text).toContain(`${topic} (${file.questionCount})`);
  });

  it("/star gives a prompt with the STAR template, filtered by competency", async () => {
    h = await harness();
    const any = await h.command(h.member("ann"), "star");
    expect(any.kind).toBe("reply");
    for (const part of ["Situation", "Task", "Action", "Result", "A strong answer"])
      expect(any.text).toContain(part);
    const conflict = await h.command(h.member("ann"), "star", "Conflict");
    expect(conflict.text).toContain("STAR practice · conflict");
    const unknown = await h.command(h.member("ann"), "star", "juggling");
    expect(unknown.kind).toBe("private");
    expect(unknown.text).toContain('There is no STAR competency "juggling"');
    expect(unknown.text).toContain("ownership");
  });

  it("/streak starts at zero and explains how to start", async () => {
    h = await harness();
    const reply = await h.command(h.member("ann"), "streak");
    expect(reply.kind).toBe("private");
    expect(reply.text).toContain("Streak: 0 days");
    expect(reply.text).toContain("No study actions yet");
  });

  it("answers unknown commands and unknown arguments clearly", async () => {
    h = await harness();
    const unknown = await h.command(h.member("ann"), "dance");
    expect(unknown.text).toContain("I don't know /dance. Try /help.");
    const named = await h.app.bot.handle(
      h.platform.event(h.member("ann"), h.place, {
        kind: "command",
        command: "quiz",
        values: { topic: "nodejs", colour: "red" },
      }),
    );
    expect(named).toBe("user-error");
    expect(h.platform.last().text).toContain("unknown argument colour");
    const wrongType = await h.app.bot.handle(
      h.platform.event(h.member("ann"), h.place, {
        kind: "command",
        command: "daily",
        values: { day: "three" },
      }),
    );
    expect(wrongType).toBe("user-error");
    expect(h.platform.last().text).toContain('day must be a whole number (you gave "three")');
  });

  it("degrades private replies to an addressed public reply where the platform has none", async () => {
    h = await harness();
    const event = h.platform.event(
      h.member("ann"),
      h.place,
      { kind: "command", command: "streak" },
      { ...FULL, privateReplies: false, editMessages: false },
    );
    await h.app.bot.handle(event);
    const last = h.platform.last();
    expect(last.kind).toBe("reply");
    expect(last.text).toContain("@ann");
  });

  it("autocompletes quiz topics and STAR competencies from the content", async () => {
    h = await harness();
    const place = h.place;
    const topics = await h.app.bot.autocomplete({
      actor: h.member("a"),
      place,
      command: "quiz",
      option: "topic",
      partial: "no",
    });
    expect(topics.map((c) => c.value)).toContain("nodejs");
    const none = await h.app.bot.autocomplete({
      actor: h.member("a"),
      place,
      command: "quiz",
      option: "topic",
      partial: "zzz",
    });
    expect(none).toEqual([]);
    const comp = await h.app.bot.autocomplete({
      actor: h.member("a"),
      place,
      command: "star",
      option: "competency",
      partial: "own",
    });
    expect(comp).toEqual([{ name: "ownership", value: "ownership" }]);
    // The core gives every suggestion whole; each adapter cuts them to its platform's limits.
    const zones = await h.app.bot.autocomplete({
      actor: h.member("a"),
      place,
      command: "studygroup",
      option: "timezone",
      partial: "",
    });
    expect(zones.length).toBe(Intl.supportedValuesOf("timeZone").length);
    expect(
      await h.app.bot.autocomplete({
        actor: h.member("a"),
        place,
        command: "nope",
        option: "x",
        partial: "",
      }),
    ).toEqual([]);
  });
});

describe("failures", () => {
  it("shows a bug as 'something went wrong' with the event id, and logs it", async () => {
    const lines: string[] = [];
    const log = pino({ level: "error" }, { write: (line: string) => lines.push(line) });
    const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
    const broken = defineCommand({
      name: "broken",
      description: "always fails",
      args: z.object({}),
      run: async () => {
        throw new Error("boom");
      },
    });
    const app = createApp({
      store: await makeStore(),
      content: realContent(),
      log,
      clock,
      commands: [broken],
    });
    const platform = new RecordingPlatform();
    const event = platform.event(
      { id: "u1", name: "ann" },
      { platform: "test", workspace: "w", channel: "c" },
      { kind: "command", command: "broken" },
    );
    expect(await app.bot.handle(event)).toBe("error");
    expect(platform.last().text).toContain(`Something went wrong on my side (id ${event.id})`);
    expect(platform.last().text).not.toContain("boom");
    expect(lines.join("")).toContain(event.id);
    expect(lines.join("")).toContain("boom");
    await app.stop();
  });

  it("tells members the store is temporarily unavailable when Redis cannot be reached", async () => {
    const redis = createRedisClient("redis://127.0.0.1:1");
    redis.on("error", () => {});
    const store = new RedisStore(redis, { scoring: DEFAULT_SCORING });
    const app = createApp({
      store,
      content: realContent(),
      log: pino({ level: "silent" }),
      clock: new ManualClock(0),
    });
    const platform = new RecordingPlatform();
    const event = platform.event(
      { id: "u1", name: "ann" },
      { platform: "test", workspace: "w", channel: "c" },
      { kind: "command", command: "daily" },
    );
    expect(await app.bot.handle(event)).toBe("unavailable");
    expect(platform.last().text).toContain("temporarily unavailable");
    redis.disconnect();
  });
});
