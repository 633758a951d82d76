import { z } from "zod";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { commands } from "../commands/index.ts";
import { parse } from "csv-parse/sync";
import { creditFor } from "../src/app/credit.ts";
import { defineCommand } from "../src/app/define-command.ts";
import { filePart } from "../src/core/files.ts";
import { ManualClock } from "./support/harness.ts";
import { discordDriver } from "./support/platforms/discord.ts";
import type { DriverFactory, Member, PlatformDriver, Shown } from "./support/platforms/driver.ts";
import { loopbackDriver } from "./support/platforms/loopback.ts";
import { slackDriver } from "./support/platforms/slack.ts";

/**
 * The scenarios every platform must pass, written once and run through each registered adapter's
 * real transport against its stand-in API, plus a test-only third platform with no private replies,
 * no forms and no threads.
 */
const DRIVERS: DriverFactory[] = [discordDriver, slackDriver, loopbackDriver];

const boom = defineCommand({
  name: "boom",
  description: "Fails on purpose",
  args: z.object({}),
  run: () => Promise.reject(new Error("kaboom")),
});

/** A real 1×1 PNG: 67 bytes. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const CSV = Buffer.from("\uFEFFname,points\r\nAlice,10\r\n", "utf8");

/** Sends a picture (to the channel) or a CSV and a picture (to the member alone), each with its fallback. */
const sendFile = defineCommand({
  name: "sendfile",
  description: "Sends files on purpose",
  args: z.object({ to: z.enum(["channel", "member"]).default("channel").describe("Who gets them") }),
  async run(ctx, args) {
    const card = filePart({
      name: "card.png",
      contentType: "image/png",
      data: PNG,
      alt: "A one-pixel card",
      fallback: "Card: one pixel, shown as text here.",
    });
    if (args.to === "channel") {
      await ctx.reply({ blocks: [{ type: "header", text: "Your card" }], files: [card] });
      return;
    }
    const csv = filePart({
      name: "members.csv",
      contentType: "text/csv; charset=utf-8",
      data: CSV,
      alt: "The group's members",
      fallback: "The CSV could not be sent here.",
    });
    await ctx.replyPrivately({ blocks: [{ type: "text", text: "Your export" }], files: [csv, card] }, "none");
  },
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const texts = (shown: Shown[], audience: Shown["audience"]) =>
  shown
    .filter((s) => s.audience === audience)
    .map((s) => s.text)
    .join("\n---\n");

describe.each(DRIVERS)("the platform contract on $name", (factory) => {
  let d: PlatformDriver;
  const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));

  beforeAll(async () => {
    d = await factory.start({ redisUrl: inject("redisUrl"), clock, commands: [...commands, boom, sendFile] });
  });
  afterAll(async () => {
    await d?.stop();
  });

  /** A reply meant for one member: private where the platform can, else a public post addressed to them. */
  function expectToMember(shown: Shown[], who: Member, text: string | RegExp) {
    if (d.capabilities.privateReplies) {
      expect(texts(shown, "member")).toMatch(text);
      expect(texts(shown, "channel")).not.toMatch(text);
    } else {
      const matches = (s: Shown) => (typeof text === "string" ? s.text.includes(text) : text.test(s.text));
      const post = shown.find((s) => s.audience === "channel" && matches(s));
      expect(post?.text, JSON.stringify(shown)).toContain(`@${who.name}`);
    }
  }

  /** A reply nobody else may see: private where the platform can, else not sent at all. */
  function expectOnlyToMember(shown: Shown[], text: string) {
    expect(texts(shown, "channel")).not.toContain(text);
    if (d.capabilities.privateReplies) expect(texts(shown, "member")).toContain(text);
    else expect(shown).toEqual([]);
  }

  /** How often each user-error code was counted on this platform so far. */
  async function codeCounts(): Promise<Map<string, number>> {
    const metric = await d.bot.app.services.metrics.userErrors.get();
    return new Map(
      metric.values.filter((v) => v.labels.platform === d.name).map((v) => [String(v.labels.code), v.value]),
    );
  }

  /** Runs an event that must be refused with `code`, and gives what the member was shown. */
  async function refusedWith(code: string, run: () => Promise<Shown[]>): Promise<Shown[]> {
    const before = await codeCounts();
    const shown = await run();
    const after = await codeCounts();
    expect((after.get(code) ?? 0) - (before.get(code) ?? 0), `${code} in ${JSON.stringify([...after])}`).toBe(
      1,
    );
    return shown;
  }

  async function startRound(who: Member) {
    const started = await d.command(who, "quiz", { topic: "nodejs" });
    const post = started.find(
      (s) => s.audience === "channel" && s.actions.some((a) => a.startsWith("quiz.")),
    );
    expect(post, JSON.stringify(started)).toBeDefined();
    const roundId = post?.actions[0]?.split(":")[1] ?? "";
    const round = await d.bot.app.services.store.getRound(d.group, roundId);
    if (!round) throw new Error(`round ${roundId} is not stored`);
    return { post: post as Shown, round };
  }

  it("sends a picture to the channel, shown in the message, or its text fallback without files", async () => {
    const { alice } = d.members;
    const shown = await d.command(alice, "sendfile");
    const files = shown.flatMap((s) => (s.audience === "channel" ? (s.files ?? []) : []));
    if (!d.capabilities.files) {
      expect(files).toEqual([]);
      expect(texts(shown, "channel")).toContain("Card: one pixel, shown as text here.");
      return;
    }
    expect(files).toEqual([
      { name: "card.png", contentType: "image/png", bytes: PNG.length, data: PNG, shownInline: true },
    ]);
    expect(texts(shown, "channel")).toContain("Your card");
    expect(texts(shown, "channel")).not.toContain("shown as text here");
  });

  it("sends files privately: nobody else sees them, and without private replies nothing is sent", async () => {
    const { bob } = d.members;
    const shown = await d.command(bob, "sendfile", { to: "member" });
    expect(shown.filter((s) => s.audience === "channel")).toEqual([]);
    if (!d.capabilities.privateReplies) {
      expect(shown).toEqual([]);
      return;
    }
    const files = shown.flatMap((s) => s.files ?? []);
    expect(files.map((f) => [f.name, f.contentType.split(";")[0], f.bytes]).sort()).toEqual([
      ["card.png", "image/png", PNG.length],
      ["members.csv", "text/csv", CSV.length],
    ]);
    expect(files.find((f) => f.name === "card.png")?.shownInline).toBe(true);
    expect(texts(shown, "member")).toContain("Your export");
  });

  it("posts /daily with a Done button, and Done checks the member in", async () => {
    const { alice } = d.members;
    const shown = await d.command(alice, "daily");
    const day = shown.find((s) => s.audience === "channel");
    expect(day?.text).toContain("Day 1 of 30 · Event loop deep dive");
    expect(day?.actions).toContain("daily.done:node-30-day:1");
    expectToMember(
      await d.click(alice, "daily.done:node-30-day:1"),
      alice,
      "Checked in for day 1: +5 points",
    );
    expectToMember(
      await d.click(alice, "daily.done:node-30-day:1"),
      alice,
      "You already checked in for day 1",
    );
  });

  it("runs a quiz round: a locked-in answer no one else sees, a second click refused, the result at close", async () => {
    const { alice, bob } = d.members;
    const { post, round } = await startRound(alice);
    expect(post.actions).toEqual([
      ...Array.from({ length: round.optionCount }, (_, i) => `quiz.answer:${round.id}:${i}`),
      `quiz.close:${round.id}`,
    ]);
    expectOnlyToMember(await d.click(bob, `quiz.answer:${round.id}:${round.answer}`), "is locked in");
    const wrong = (round.answer + 1) % round.optionCount;
    expectOnlyToMember(
      await d.click(bob, `quiz.answer:${round.id}:${wrong}`),
      "You already answered this one",
    );

    clock.advance(60_000);
    await d.bot.app.closer.sweep();
    const result = (await d.sentOnItsOwn()).find(
      (s) => s.audience === "channel" && s.text.includes("Quiz closed"),
    );
    expect(result?.kind).toBe(d.capabilities.editMessages ? "update" : "message");
    expect(result?.text).toContain("Got it right: 1 of 1");
    expect(result?.text).toContain("Bob (+15)");
    expect(result?.actions).toEqual([]);
    expectToMember(await d.click(alice, `quiz.answer:${round.id}:0`), alice, "This round has closed");
  });

  it("lets the starter, the platform's organizers and the member who set the group up close a round early, and nobody else", async () => {
    const { alice, bob, carol, admin } = d.members;
    // Where the first member to set a group up becomes its organizer, Carol does; elsewhere only the
    // platform's organizers may set a group up.
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    const refused = d.capabilities.organizerByFirstSetup ? undefined : carol;
    if (refused)
      expectToMember(
        await refusedWith("organizers-only", () =>
          d.command(refused, "studygroup", { action: "setup", time: "08:30" }),
        ),
        refused,
        "Only organizers can",
      );
    const saved = await d.command(organizer, "studygroup", { action: "setup", time: "08:30" });
    expect(texts(saved, "channel")).toContain(`Saved by ${organizer.name}`);
    // The setup made today's post due. It goes out here, so that the real minute's pass cannot post
    // it in the middle of a later scenario's command (whose channel replies are checked exactly).
    await d.bot.app.poster.tick();
    await d.sentOnItsOwn();

    const byBob = await startRound(bob);
    expectToMember(
      await refusedWith("round-not-yours", () => d.click(alice, `quiz.close:${byBob.round.id}`)),
      alice,
      "Only the member who started this round",
    );
    const closed = await d.click(organizer, `quiz.close:${byBob.round.id}`);
    expect(texts(closed, "channel")).toContain("Quiz closed");

    const byAlice = await startRound(alice);
    expect(texts(await d.click(admin, `quiz.close:${byAlice.round.id}`), "channel")).toContain("Quiz closed");
    const own = await startRound(bob);
    expect(texts(await d.click(bob, `quiz.close:${own.round.id}`), "channel")).toContain("Quiz closed");
  });

  it("refuses setup to members who may not, and names a bad value with nothing saved", async () => {
    const { bob, carol, admin } = d.members;
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    await d.command(organizer, "studygroup", { action: "setup", time: "08:30", timezone: "Asia/Kolkata" });
    expectToMember(
      await refusedWith("organizers-only", () =>
        d.command(bob, "studygroup", { action: "setup", time: "09:00" }),
      ),
      bob,
      "Only organizers can",
    );
    expectToMember(
      await refusedWith("organizers-only", () => d.command(bob, "studygroup", { action: "pause" })),
      bob,
      "Only organizers can",
    );
    expectToMember(
      await refusedWith("invalid-setup", () =>
        d.command(organizer, "studygroup", { action: "setup", time: "25:00" }),
      ),
      organizer,
      /time/,
    );
    expectToMember(
      await refusedWith("invalid-setup", () =>
        d.command(organizer, "studygroup", { action: "setup", timezone: "Mars/Base" }),
      ),
      organizer,
      /Mars\/Base/,
    );
    const settings = await d.bot.app.services.groups.settings(d.group);
    expect(settings).toMatchObject({ postTime: "08:30", timezone: "Asia/Kolkata" });
    expect(settings.pausedOn).toBeUndefined();
  });

  it("opens the setup form filled with the current values; a bad value is named with nothing saved, a good one saves like the typed options", async () => {
    const { carol, admin } = d.members;
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    await d.command(organizer, "studygroup", { action: "setup", time: "07:15", timezone: "Asia/Kolkata" });
    const opened = await d.command(organizer, "studygroup", { action: "setup" });
    if (!d.capabilities.forms) {
      // No forms here: setup with no values saves the current ones and says how to type a change.
      expect(texts(opened, "channel")).toContain(`Saved by ${organizer.name}`);
      expect(texts(opened, "channel")).toContain(
        "To change a setting, type it: /studygroup setup time:08:30",
      );
      return;
    }
    const form = opened.find((s) => s.kind === "form");
    expect(form?.audience).toBe("member");
    expect(form?.actions).toEqual(["studygroup.setup"]);
    expect(form?.fields.slice(0, 5)).toEqual(["time", "timezone", "plan", "start", "days"]);
    expect(form?.text).toContain("Asia/Kolkata");
    const before = await d.bot.app.services.groups.settings(d.group);
    const values = {
      time: "06:45",
      timezone: "Europe/Berln",
      plan: before.plan,
      start: before.startDate,
      days: "weekdays",
    };
    const bad = await refusedWith("form-invalid", () => d.submit(organizer, "studygroup.setup", values));
    expectToMember(
      bad,
      organizer,
      /(timezone|Time zone): "Europe\/Berln" is not an IANA time zone: did you mean Europe\/Berlin\?/,
    );
    expect(texts(bad, "channel")).toBe("");
    expect(await d.bot.app.services.groups.settings(d.group)).toEqual(before);

    const saved = await d.submit(organizer, "studygroup.setup", { ...values, timezone: "Europe/Berlin" });
    const status = texts(saved, "channel");
    expect(status).toContain(`Saved by ${organizer.name}`);
    expect(status).toContain("06:45 Europe/Berlin, weekdays only");
    expect(await d.bot.app.services.groups.settings(d.group)).toMatchObject({
      postTime: "06:45",
      timezone: "Europe/Berlin",
      weekdaysOnly: true,
      startDate: before.startDate,
      run: before.run,
    });
    const typed = await d.command(organizer, "studygroup", {
      action: "setup",
      time: "06:45",
      timezone: "Europe/Berlin",
      days: "weekdays",
    });
    expect(texts(typed, "channel")).toBe(status);
  });

  it("posts the day's topic on schedule once an organizer has set the group up, once a day", async () => {
    const { carol, admin } = d.members;
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    await d.command(organizer, "studygroup", { action: "setup", time: "08:30", timezone: "UTC" });
    // Today's post went out with the first setup (the round-closing scenario); tomorrow's is due only
    // once the clock says so.
    await d.sentOnItsOwn();
    clock.set("2026-03-03T08:31:00Z");
    await d.bot.app.poster.tick();
    const posted = (await d.sentOnItsOwn()).filter(
      (s) => s.audience === "channel" && s.actions.includes("daily.done:node-30-day:2"),
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain("Day 2 of 30");
    await d.bot.app.poster.tick();
    expect(await d.sentOnItsOwn()).toEqual([]);
  });

  it("answers an unknown command, a forged button and a bad argument clearly", async () => {
    const { alice } = d.members;
    expectToMember(
      await refusedWith("unknown-command", () => d.command(alice, "dance")),
      alice,
      "I don't know /dance",
    );
    for (const forged of ["quiz.answer:../../x:1", "x".repeat(100), "nope"]) {
      expectToMember(
        await refusedWith("unknown-action", () => d.click(alice, forged)),
        alice,
        "not one of mine",
      );
    }
    expectToMember(await d.click(alice, "quiz.answer:zz:1"), alice, "has expired or does not exist");
    expectToMember(
      await refusedWith("day-out-of-plan", () => d.command(alice, "daily", { day: "99" })),
      alice,
      "has 30 days",
    );
    expectToMember(
      await refusedWith("invalid-argument", () => d.command(alice, "leaderboard", { period: "decade" })),
      alice,
      /period must be one of/,
    );
  });

  it("runs a private practice session only the member sees, or refuses clearly where nothing is private", async () => {
    const { carol } = d.members;
    if (!d.capabilities.privateReplies) {
      expectToMember(
        await refusedWith("practice-needs-private-replies", () => d.command(carol, "practice")),
        carol,
        "Practice is private",
      );
      return;
    }
    const started = await d.command(carol, "practice", { topic: "caching" });
    expect(texts(started, "channel")).toBe("");
    expect(texts(started, "member")).toContain("Practice 1 of 10");
    const session = await d.bot.app.services.store.practiceSession(d.group, carol.id);
    const question = d.bot.app.services.content.questions.get(session?.questions[0] ?? "");
    if (!session || !question) throw new Error("no practice session");
    const buttons = started.flatMap((s) => s.actions);
    expect(buttons).toContain(`practice.answer:${session.id}:0:0`);
    const right = session.order.indexOf(question.answer);
    const answered = await d.click(carol, `practice.answer:${session.id}:0:${right}`);
    expect(texts(answered, "channel")).toBe("");
    expect(texts(answered, "member")).toContain("Right");
    expect(texts(answered, "member")).toContain(question.explanation.slice(0, 30));
    expect(answered.flatMap((s) => s.actions)).toEqual([
      `practice.next:${session.id}:0`,
      `practice.stop:${session.id}`,
    ]);
    const next = await d.click(carol, `practice.next:${session.id}:0`);
    expect(texts(next, "member")).toContain("Practice 2 of 10");
    const stopped = await d.click(carol, `practice.stop:${session.id}`);
    expect(texts(stopped, "channel")).toBe("");
    expect(texts(stopped, "member")).toContain("1 of 1 right");
  });

  it("shows /progress to the member alone, with what to practise next", async () => {
    const { bob } = d.members;
    expectToMember(await d.command(bob, "progress"), bob, "Your progress");
  });

  it("sends /leaderboard with its picture beside the text board, or the text alone without files", async () => {
    const { alice, bob } = d.members;
    const calendar = { timezone: "UTC", weekdaysOnly: false };
    const scorers = [alice, { id: "88", name: "Zoë 🎉 山田" }];
    for (const [i, m] of scorers.entries())
      await d.bot.app.services.store.creditAction(
        d.group,
        creditFor(m, clock.now(), calendar),
        { points: 20 - i, perDay: 100 },
        "mocks",
      );
    const shown = await d.command(bob, "leaderboard", { period: "all" });
    const text = texts(shown, "channel");
    expect(text).toContain(alice.name);
    expect(text).toContain("Zoë 🎉 山田");
    const files = shown.flatMap((s) => (s.audience === "channel" ? (s.files ?? []) : []));
    if (!d.capabilities.files) {
      // Nothing is drawn where no file can go: the text board is the whole reply.
      expect(files).toEqual([]);
      expect(text).not.toContain("picture");
      return;
    }
    expect(files.map((f) => [f.name, f.contentType, f.shownInline])).toEqual([
      ["leaderboard.png", "image/png", true],
    ]);
    // 800 wide; as tall as its rows (two at least, the top ten and a row of one's own at most).
    const size = pngSize(files[0]?.data ?? Buffer.alloc(0));
    expect(size.width).toBe(800);
    expect(size.height).toBeGreaterThanOrEqual(224);
    expect(size.height).toBeLessThanOrEqual(638);
    expect(text).not.toContain("cannot be shown here");
  });

  it("attaches the member's progress card to /progress, for them alone", async () => {
    const { carol } = d.members;
    const shown = await d.command(carol, "progress");
    expectToMember(shown, carol, "Your progress");
    const files = shown.flatMap((s) => s.files ?? []);
    if (!d.capabilities.files) {
      expect(files).toEqual([]);
      return;
    }
    expect(files.map((f) => [f.name, f.shownInline])).toEqual([["progress.png", true]]);
    expect(pngSize(files[0]?.data ?? Buffer.alloc(0))).toEqual({ width: 800, height: 440 });
    expect(shown.filter((s) => s.audience === "channel" && (s.files?.length ?? 0) > 0)).toEqual([]);
  });

  it("answers a failure inside a handler with 'something went wrong' and the event's id", async () => {
    const { alice } = d.members;
    expectToMember(await d.command(alice, "boom"), alice, /Something went wrong on my side \(id [a-z0-9]+\)/);
  });

  it("takes a mock answer in a form, posts it for review, and takes peers' reviews once each", async () => {
    const { alice, bob, carol } = d.members;
    const opened = await d.command(alice, "mock", { kind: "star" });
    if (!d.capabilities.forms) {
      expectToMember(opened, alice, "Forms are not available here");
      expect((await codeCounts()).get("forms-unavailable")).toBe(1);
      return;
    }
    const form = opened.find((s) => s.kind === "form");
    expect(form?.actions[0]).toMatch(/^interview\.answer:s:/);
    expect(form?.fields).toEqual(["situation", "task", "action", "result"]);
    const posted = await d.submit(alice, form?.actions[0] ?? "", {
      situation: "S1",
      task: "T1",
      action: "A1",
      result: "R1",
    });
    expectToMember(posted, alice, "Your answer is posted");
    const answer = posted.find(
      (s) => s.audience === "channel" && s.actions.some((a) => a.startsWith("interview.review:")),
    );
    const review = answer?.actions.find((a) => a.startsWith("interview.review:")) ?? "";
    const mockId = review.split(":")[1];

    expectToMember(
      await refusedWith("own-answer", () => d.click(alice, review)),
      alice,
      "can't review your own answer",
    );
    for (const [who, scores] of [
      [bob, { situation: "4", task: "4", action: "5", result: "3", comment: "Nice" }],
      [carol, { situation: "2", task: "4", action: "3", result: "5", comment: "" }],
    ] as const) {
      const rubric = (await d.click(who, review)).find((s) => s.kind === "form");
      expect(rubric?.actions).toEqual([`interview.rate:${mockId}`]);
      expect(rubric?.fields).toEqual(["situation", "task", "action", "result", "comment"]);
      const done = await d.submit(who, `interview.rate:${mockId}`, scores);
      expectToMember(done, who, "Your review is posted");
      expect(texts(done, "channel")).toContain(`Review by ${who.name}`);
      if (who === carol) {
        expect(texts(done, "channel")).toContain(
          "your averages after 2 reviews: Situation 3 · Task 4 · Action 4 · Result 4",
        );
      }
    }
    expectToMember(
      await refusedWith("already-reviewed", () => d.click(bob, review)),
      bob,
      "already reviewed",
    );
  });
  it("imports a group's own questions through the form, and a hostile option never pings when the quiz shows it", async () => {
    const { bob, carol, admin } = d.members;
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    const opened = await d.command(organizer, "bank", { action: "import" });
    if (!d.capabilities.forms) {
      expectToMember(opened, organizer, "forms are not available here");
      return;
    }
    const form = opened.find((s) => s.kind === "form");
    expect(form?.audience).toBe("member");
    expect(form?.actions).toEqual(["bank.import:group:auto"]);
    expect(form?.fields).toEqual(d.capabilities.formFiles ? ["text", "file"] : ["text"]);
    const text = `id,topic,difficulty,question,option_a,option_b,correct,explanation,tags
ping-guard,ping-guard,easy,"Which of these reaches everyone? <@U123> asks.",<!channel> and @everyone,@here alone,b,"Mentions are sent as text: <!here> never pings.",testing
`;
    const saved = await d.submit(organizer, "bank.import:group:auto", { text });
    expectToMember(saved, organizer, "Imported 1 question(s) on ping-guard");
    const started = await d.command(bob, "quiz", { topic: "ping-guard" });
    const post = started.find(
      (s) => s.audience === "channel" && s.actions.some((a) => a.startsWith("quiz.")),
    );
    expect(post?.text).toContain("@everyone");
    // However each platform marks a mention, nothing the quiz showed notifies anyone.
    expect(started.filter((s) => s.pings)).toEqual([]);
    // Slack pings on <!channel> and <@U…> in mrkdwn: they must arrive escaped. Discord's messages
    // carry allowed_mentions { parse: [] } (the stand-in refuses none, the renderer always sends it).
    // Button labels are plain_text, where Slack parses no mentions.
    if (d.name === "slack") {
      expect(post?.text).toContain("&lt;@U123&gt; asks");
      expect(post?.text).toMatch(/\*[AB]\.\* &lt;!channel&gt; and @everyone/);
      expect(
        post?.text
          .split("\n")
          .filter((l) => !/^[A-E] · /.test(l))
          .join("\n"),
      ).not.toMatch(/<[!@]/);
    }
  });

  it("exports the group's members as CSV to the organizer alone, hostile names neutralised; others are refused", async () => {
    const { bob, carol, admin } = d.members;
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    await d.command(organizer, "studygroup", { action: "setup", time: "08:30" });
    const hostile = [
      '=HYPERLINK("http://x.test","open")',
      "+1+1",
      "@SUM(A1)",
      "-2",
      "\tTab",
      'Zoë "名前" 🎉, Jr.\nNext',
    ];
    const calendar = { timezone: "UTC", weekdaysOnly: false };
    for (const [i, name] of hostile.entries())
      await d.bot.app.services.store.creditAction(
        d.group,
        creditFor({ id: `9${i}`, name }, clock.now(), calendar),
        { points: 5 + i, perDay: 100 },
        "mocks",
      );
    expectToMember(
      await refusedWith("organizers-only", () => d.command(bob, "studygroup", { action: "export" })),
      bob,
      "Only organizers can export",
    );
    if (!d.capabilities.privateReplies) {
      expectToMember(
        await refusedWith("export-needs-private-replies", () =>
          d.command(organizer, "studygroup", { action: "export" }),
        ),
        organizer,
        "private replies are not available here",
      );
      return;
    }
    const shown = await d.command(organizer, "studygroup", { action: "export" });
    expect(shown.filter((s) => s.audience === "channel")).toEqual([]);
    const file = shown.flatMap((s) => s.files ?? []).find((f) => f.name.endsWith(".csv"));
    expect(file?.name).toMatch(/^studygroup-members-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file?.contentType).toMatch(/^text\/csv/);
    expect(file?.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(file?.data ?? Buffer.alloc(0), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const names = rows.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("http://x.test","open")`,
        "'+1+1",
        "'@SUM(A1)",
        "'-2",
        "'\tTab",
        'Zoë "名前" 🎉, Jr.\nNext',
      ]),
    );
    expect(rows.find((r) => r.name === "'-2")).toMatchObject({
      points_all_time: "8",
      points_this_week: "8",
      mock_answers: "1",
      // The scheduled-post scenario moved the clock on to the next day.
      last_active_day: "2026-03-03",
    });
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "name",
      "points_all_time",
      "points_this_month",
      "points_this_week",
      "current_streak",
      "best_streak",
      "answers",
      "accuracy_percent",
      "check_ins",
      "mock_answers",
      "reviews_given",
      "last_active_day",
    ]);
  });

  it("imports a group's questions from an attached file: all or nothing, problems by line, hostile text never pings", async () => {
    const { bob, carol, admin } = d.members;
    const organizer = d.capabilities.organizerByFirstSetup ? carol : admin;
    const topic = `file-bank-${d.name}`;
    const good = `topic: ${topic}
questions:
  - id: ${topic}-queue
    difficulty: medium
    tags: [messaging]
    question: "Orders arrive in bursts of 10k a minute; billing handles 2k. <!channel> @everyone what keeps billing correct?"
    options:
      - text: A durable queue drained at the consumer's own pace
        correct: true
      - text: "A bigger thread pool, <@U123> says"
      - text: Return HTTP 500 and let clients retry at once
    explanation: A durable queue absorbs the burst; more threads add no database capacity.
`;
    const duplicate = `${good}${good.split("questions:\n")[1] ?? ""}`;
    const file = (name: string, text: string, contentType = "application/x-yaml") => ({
      file: { name, contentType, data: Buffer.from(text, "utf8") },
    });
    const saved = async () => [...(await d.bot.app.services.store.bankTopics({ group: d.group })).keys()];
    let send: (files: ReturnType<typeof file>) => Promise<Shown[]>;
    if (d.capabilities.commandFiles) {
      send = (files) => d.command(organizer, "bank", { action: "import" }, files);
    } else if (d.capabilities.formFiles) {
      const opened = await d.command(organizer, "bank", { action: "import" });
      const form = opened.find((s) => s.kind === "form");
      expect(form?.fields).toEqual(["text", "file"]);
      send = (files) => d.submit(organizer, "bank.import:group:auto", { text: "" }, files);
    } else {
      return; // No files come in here: the paste form is the way, where there are forms.
    }
    expectToMember(
      await refusedWith("bank-import-invalid", () => send(file("bank.yaml", duplicate))),
      organizer,
      `duplicate id "${topic}-queue" (first on line 3)`,
    );
    expectToMember(
      await refusedWith("bank-file-type", () => send(file("notes.txt", good, "text/plain"))),
      organizer,
      "attach a .yaml, .yml or .csv file",
    );
    expect(await saved()).not.toContain(`${topic}-queue`);
    expectToMember(await send(file("bank.yaml", good)), organizer, `Imported 1 question(s) on ${topic}`);
    const started = await d.command(bob, "quiz", { topic });
    const post = started.find(
      (s) => s.audience === "channel" && s.actions.some((a) => a.startsWith("quiz.")),
    );
    expect(post?.text).toContain("@everyone");
    expect(started.filter((s) => s.pings)).toEqual([]);
  });

  it("sends a reminder as a direct message whose Stop button works in the DM; closed DMs are told once, privately in the channel", async () => {
    const { alice, carol } = d.members;
    if (!d.capabilities.directMessages) {
      expectToMember(
        await refusedWith("direct-messages-unavailable", () =>
          d.command(alice, "remind", { action: "at", time: "19:30" }),
        ),
        alice,
        "I can't send those here",
      );
      return;
    }
    // A fresh day nobody has studied on yet.
    clock.set("2026-03-05T10:00:00Z");
    expectToMember(
      await d.command(alice, "remind", { action: "at", time: "10:30" }),
      alice,
      "Reminder set: at 10:30",
    );
    expectToMember(await d.command(carol, "remind", { action: "at", time: "10:30" }), carol, "Reminder set");
    d.closeDirectMessages(carol);
    clock.set("2026-03-05T10:30:00Z");
    await d.bot.app.poster.tick();
    const sent = await d.sentOnItsOwn();
    const direct = sent.filter((s) => s.audience === "direct");
    expect(direct, JSON.stringify(sent)).toHaveLength(1);
    expect(direct[0]?.text).toContain("studied");
    expect(direct[0]?.actions).toEqual([expect.stringMatching(/^remind\.stop:[A-Za-z0-9]+:[A-Za-z0-9]+$/)]);
    expect(texts(sent, "channel")).not.toContain("direct messages");

    const stopped = await d.clickDirect(alice, direct[0]?.actions[0] ?? "");
    expect(stopped.map((s) => s.text).join("\n")).toContain("Reminders stopped for");
    expect(await d.bot.app.services.store.reminderOf(d.group, alice.id)).toBeUndefined();

    // Carol's DMs refused the reminder: she is told once, in the channel, to her alone (Slack at
    // once by chat.postEphemeral, Discord on her next command), and her reminder is off.
    const later = [...sent, ...(await d.command(carol, "streak")), ...(await d.command(carol, "streak"))];
    const notices = later.filter((s) => s.text.includes("won't let me send you direct messages"));
    expect(notices, JSON.stringify(later)).toHaveLength(1);
    expect(notices[0]?.audience).toBe("member");
    expect(await d.bot.app.services.store.reminderOf(d.group, carol.id)).toBeUndefined();
    clock.set("2026-03-06T10:30:00Z");
    await d.bot.app.poster.tick();
    expect((await d.sentOnItsOwn()).filter((s) => s.audience === "direct")).toEqual([]);
  });
});
