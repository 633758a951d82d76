import { readFileSync } from "node:fs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { parse } from "yaml";
import { commands } from "../commands/index.ts";
import { MANIFEST_LIMITS, slackManifest } from "../src/adapters/slack/manifest.ts";
import { type CommandNaming, commandStyle, resolveSlash } from "../src/adapters/slack/normalize.ts";
import { LIMITS, renderMessage, toMrkdwn } from "../src/adapters/slack/render.ts";
import { readConfig } from "../src/config.ts";
import { argumentSpecs, usage, usageArgs } from "../src/core/args.ts";
import { cmd } from "../src/core/command-token.ts";
import { shortId } from "../src/core/ids.ts";
import type { Block } from "../src/core/model.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { ManualClock, realContent } from "./support/harness.ts";
import {
  blockActions,
  param2,
  type SlackApi,
  slackHeaders,
  slackStandIn,
  triggerId,
} from "../testkit/slack-api.ts";
import type { Recorded } from "../testkit/stand-in.ts";

const SECRET = "test-signing-secret-1234";
const TEAM = "T1";
const CHANNEL = "C100";

type SlackBlock = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { action_id?: string; text: { text: string } | string }[];
};

function blocksText(blocks: SlackBlock[] | undefined): string {
  return (blocks ?? [])
    .flatMap((b) => [
      b.text?.text,
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : e.text?.text)),
    ])
    .filter(Boolean)
    .join("\n");
}

/**
 * The scenarios every platform shares (/daily and Done, a quiz round, who may close it, setup, unknown
 * commands and forged buttons, a failing handler, the scheduled post, mock answers and reviews) live in
 * test/platform-contract.test.ts, which runs them on Slack too. This file holds what is particular to
 * Slack: Block Kit and text fallbacks, response_url and chat.postEphemeral, chat.update by ts,
 * views.open and private_metadata, thread_ts, users.info, signatures, App Home, 429s, rendering limits,
 * command naming and the manifest.
 */
describe("Slack over HTTP, end to end", () => {
  let api: SlackApi;
  let bot: RunningBot;
  let url: string;
  const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));

  beforeAll(async () => {
    api = slackStandIn({ notInChannel: "CNOTIN" });
    await api.start();
    const config = readConfig({
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_TRANSPORT: "http",
      SLACK_API_URL: `${api.url}/api/`,
      REDIS_URL: inject("redisUrl"),
      REDIS_PREFIX: `s${shortId(8)}`,
      PORT: "0",
    });
    bot = await startBot(config, pino({ level: "silent" }), { clock, content: realContent() });
    url = `http://127.0.0.1:${bot.port}/slack/events`;
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.stop();
  });

  async function send(body: string, contentType: string, headers?: Record<string, string>) {
    const res = await fetch(url, {
      method: "POST",
      body,
      headers: headers ?? slackHeaders(SECRET, body, contentType),
    });
    return { status: res.status, text: await res.text() };
  }

  /** A slash command as Slack posts it; `triggerAgeMs` makes its trigger_id that old on arrival. */
  function command(name: string, text = "", user = "UALICE", channel = CHANNEL, triggerAgeMs = 0) {
    const responseUrl = api.responseUrl();
    const trigger = triggerId(triggerAgeMs);
    const body = new URLSearchParams({
      token: "legacy",
      team_id: TEAM,
      team_domain: "t",
      channel_id: channel,
      channel_name: "study",
      user_id: user,
      user_name: user.toLowerCase().slice(1),
      command: name,
      text,
      api_app_id: "A1",
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: trigger,
    }).toString();
    return { body, responseUrl: responseUrl.replace(api.url, ""), trigger };
  }

  function action(actionId: string, user = "UBOB", messageTs = "1700000001.000100", threadTs?: string) {
    const responseUrl = api.responseUrl();
    const payload = blockActions({
      actionId,
      user,
      team: TEAM,
      channel: CHANNEL,
      responseUrl,
      messageTs,
      threadTs,
    });
    return { body: interactive(payload), responseUrl: responseUrl.replace(api.url, "") };
  }

  const form = "application/x-www-form-urlencoded";
  /** A button click or form submission, as Slack posts it. */
  const interactive = (payload: unknown) =>
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

  /** Alice's STAR answer submitted in the /mock modal the bot opened. */
  function starSubmission(
    view: { callback_id: string; private_metadata: string },
    triggerId: string,
    viewId: string,
  ) {
    return {
      type: "view_submission",
      team: { id: TEAM, domain: "t" },
      user: { id: "UALICE", username: "alice", name: "alice", team_id: TEAM },
      api_app_id: "A1",
      token: "legacy",
      trigger_id: triggerId,
      view: {
        id: viewId,
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: Object.fromEntries(
            ["situation", "task", "action", "result"].map((f) => [
              f,
              { [f]: { type: "plain_text_input", value: `my ${f}` } },
            ]),
          ),
        },
      },
    };
  }

  /**
   * chat.postMessage calls a scenario makes: the real minute's pass may post a group's daily topic
   * at any moment, so those are left out of the count.
   */
  const CHAT_POST = /\/api\/chat\.postMessage$/;
  const notDailyPost = (r: Recorded) => !JSON.stringify(r.body).includes("daily.done:");
  const postCount = () => api.find("POST", CHAT_POST).filter(notDailyPost).length;
  const postsAfter = async (before: number, count: number) =>
    (await api.waitFor("POST", CHAT_POST, before + count, 5000, notDailyPost)).slice(before);

  async function responseTo(path: string): Promise<Recorded> {
    const [r] = await api.waitFor("POST", new RegExp(`^${path}$`));
    if (!r) throw new Error("no response_url call");
    return r;
  }

  it("answers /daily with Block Kit and a text fallback through chat.postMessage", async () => {
    const before = api.find("POST", /chat\.postMessage/).length;
    const { body } = command("/daily");
    const res = await send(body, form);
    expect(res.status).toBe(200);
    const [post] = (await api.waitFor("POST", /\/api\/chat\.postMessage$/, before + 1)).slice(before);
    expect(post?.headers.authorization).toBe("Bearer xoxb-test-token");
    expect(param2(post, "channel")).toBe(CHANNEL);
    expect(param2(post, "text")).toContain("Day 1 of 30");
    const blocks = param2(post, "blocks") as SlackBlock[];
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "Day 1 of 30 · Event loop deep dive" } });
    expect(blocks.at(-1)).toMatchObject({
      type: "actions",
      elements: [{ action_id: "daily.done:node-30-day:1" }],
    });
  });

  it("answers quiz clicks privately through each click's response_url and closes the round by chat.update on its ts", async () => {
    const before = api.find("POST", /chat\.postMessage/).length;
    await send(command("/quiz", "nodejs").body, form);
    const [post] = (await api.waitFor("POST", /\/api\/chat\.postMessage$/, before + 1)).slice(before);
    const blocks = param2(post, "blocks") as SlackBlock[];
    const answerIds = blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id ?? "");
    const roundId = answerIds[0]?.split(":")[1] ?? "";
    // The round learns its message's ts once chat.postMessage has answered: wait for that.
    const roundNow = () => bot.app.services.store.getRound(`slack:${TEAM}:${CHANNEL}`, roundId);
    await expect.poll(async () => (await roundNow())?.message?.platform, { timeout: 5000 }).toBe("slack");
    const round = await roundNow();
    const ts = round?.message?.id ?? "";

    const first = action(`quiz.answer:${roundId}:${round?.answer}`, "UBOB", ts);
    expect((await send(first.body, form)).status).toBe(200);
    const privately = { response_type: "ephemeral", replace_original: false };
    expect((await responseTo(first.responseUrl)).body).toMatchObject(privately);

    const again = action(`quiz.answer:${roundId}:0`, "UBOB", ts);
    await send(again.body, form);
    expect((await responseTo(again.responseUrl)).body).toMatchObject(privately);

    clock.advance(60_000);
    await bot.app.closer.sweep();
    const [update] = await api.waitFor("POST", /\/api\/chat\.update$/);
    expect(param2(update, "ts")).toBe(ts);
    expect(param2(update, "channel")).toBe(CHANNEL);

    const late = action(`quiz.answer:${roundId}:0`, "UCAROL", ts);
    await send(late.body, form);
    expect((await responseTo(late.responseUrl)).body).toMatchObject(privately);
  });

  it("publishes the App Home with streak, points, rank and today's topic", async () => {
    const body = JSON.stringify({
      token: "legacy",
      team_id: TEAM,
      api_app_id: "A1",
      event: { type: "app_home_opened", user: "UBOB", channel: "D1", tab: "home", event_ts: "1.1" },
      type: "event_callback",
      event_id: "Ev1",
      event_time: 1,
    });
    expect((await send(body, "application/json")).status).toBe(200);
    const [publish] = await api.waitFor("POST", /\/api\/views\.publish$/);
    expect(param2(publish, "user_id")).toBe("UBOB");
    const view = param2(publish, "view") as { type: string; blocks: SlackBlock[] };
    expect(view.type).toBe("home");
    const text = blocksText(view.blocks);
    expect(text).toContain(`<#${CHANNEL}>`);
    expect(text).toContain("15 · rank 1 of 1");
    expect(text).toContain("Day 1: Event loop deep dive");
  });

  it("answers a view submission and reports an unknown form privately", async () => {
    const payload = {
      type: "view_submission",
      team: { id: TEAM, domain: "t" },
      user: { id: "UALICE", username: "alice", name: "alice", team_id: TEAM },
      api_app_id: "A1",
      token: "legacy",
      trigger_id: triggerId(),
      view: {
        id: "V9",
        type: "modal",
        callback_id: "nope:1",
        private_metadata: JSON.stringify({ team: TEAM, channel: CHANNEL }),
        state: { values: { answer: { answer: { type: "plain_text_input", value: "my answer" } } } },
      },
    };
    const res = await send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form);
    expect(res.status).toBe(200);
    const [ephemeral] = await api.waitFor("POST", /\/api\/chat\.postEphemeral$/);
    expect(param2(ephemeral, "user")).toBe("UALICE");
    expect(param2(ephemeral, "text")).toContain("not one of mine");
  });

  it("rejects a wrong signature, an old timestamp and a garbled body", async () => {
    const { body } = command("/daily");
    const count = api.requests.length;
    expect((await send(body, form, { "content-type": form })).status).toBe(401);
    expect((await send(body, form, slackHeaders("wrong-secret", body, form))).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await send(body, form, slackHeaders(SECRET, body, form, old))).status).toBe(401);
    const garbled = await send("payload=%7Bnot-json", form);
    expect(garbled.status).toBeGreaterThanOrEqual(400);
    expect(api.requests.length).toBe(count);
  });

  it("checks the signature on the exact bytes received, and the timestamp both ways", async () => {
    const { body } = command("/daily");
    const count = api.requests.length;
    const signed = slackHeaders(SECRET, body, form);
    const tampered = body.replace("UALICE", "UMALLO");
    const refused = await send(tampered, form, signed);
    expect(refused).toEqual({ status: 401, text: "invalid request signature" });
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    expect(await send(body, form, slackHeaders(SECRET, body, form, future))).toEqual({
      status: 401,
      text: "request timestamp too old",
    });
    const badVersion = { ...signed, "x-slack-signature": signed["x-slack-signature"].replace("v0=", "v1=") };
    expect((await send(body, form, badVersion)).status).toBe(401);
    const short = { ...signed, "x-slack-signature": "v0=abc" };
    expect((await send(body, form, short)).status).toBe(401);
    const huge = `payload=${"x".repeat(1024 * 1024 + 10)}`;
    expect((await send(huge, form, slackHeaders(SECRET, huge, form))).status).toBe(413);
    expect(api.requests.length).toBe(count);
  });

  it("answers a signed but malformed payload 400 at once, with nothing stored and nothing sent", async () => {
    const click = (mutate: (p: Record<string, unknown>) => void) => {
      const p = blockActions({
        actionId: "daily.done:node-30-day:1",
        user: "UMAL",
        team: TEAM,
        channel: CHANNEL,
        responseUrl: api.responseUrl(),
      }) as unknown as Record<string, unknown>;
      mutate(p);
      return interactive(p);
    };
    const submission = (callbackId: unknown) =>
      interactive({
        type: "view_submission",
        team: { id: TEAM, domain: "t" },
        user: { id: "UMAL", username: "mal", name: "mal", team_id: TEAM },
        api_app_id: "A1",
        trigger_id: triggerId(),
        view: {
          id: "V7",
          type: "modal",
          callback_id: callbackId,
          private_metadata: JSON.stringify({ team: TEAM, channel: CHANNEL }),
          state: { values: {} },
        },
      });
    const malformed = [
      click((p) => (p.actions = ["daily.done:node-30-day:1"])),
      click((p) => (p.actions = [null])),
      click((p) => delete p.user),
      click((p) => (p.user = "UMAL")),
      submission(42),
      submission({ id: "interview.answer" }),
      new URLSearchParams({ command: "/daily", team_id: TEAM, channel_id: CHANNEL }).toString(),
    ];
    const group = `slack:${TEAM}:${CHANNEL}`;
    const before = await bot.app.services.store.memberStats(group, "UMAL");
    const calls = api.requests.length;
    for (const body of malformed) {
      const started = Date.now();
      const res = await send(body, form);
      expect(res.status, body.slice(0, 80)).toBe(400);
      expect(res.text).toMatch(/^malformed payload: /);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(api.requests.length).toBe(calls);
    expect(await bot.app.services.store.memberStats(group, "UMAL")).toEqual(before);
  });

  it("answers Slack's unsigned ssl_check with 200 and nothing else", async () => {
    const count = api.requests.length;
    const body = "ssl_check=1&token=legacy&payload=%7B%22type%22%3A%22block_actions%22%7D";
    const res = await send(body, form, { "content-type": form });
    expect(res).toEqual({ status: 200, text: "" });
    await new Promise((r) => setTimeout(r, 100));
    expect(api.requests.length).toBe(count);
  });

  it("retries a private reply that response_url refused with 503 or 429, then delivers it once", async () => {
    const busy = command("/dance");
    api.once((r) => r.path === busy.responseUrl, { status: 503, body: { ok: false } });
    await send(busy.body, form);
    const [first, second] = await api.waitFor("POST", new RegExp(`^${busy.responseUrl}$`), 2);
    expect(JSON.stringify(second?.body)).toContain("I don't know /dance");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(200);

    const limited = command("/dance");
    api.once((r) => r.path === limited.responseUrl, {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false },
    });
    await send(limited.body, form);
    const [hit, retry] = await api.waitFor("POST", new RegExp(`^${limited.responseUrl}$`), 2, 5000);
    expect(retry!.at - hit!.at).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.find("POST", new RegExp(`^${limited.responseUrl}$`))).toHaveLength(2);
  });

  it("sends a private reply by chat.postEphemeral when response_url keeps refusing it", async () => {
    const before = api.find("POST", /\/api\/chat\.postEphemeral$/).length;
    const gone = command("/dance", "", "UCAROL");
    api.once((r) => r.path === gone.responseUrl, { status: 404, body: "expired_url" });
    await send(gone.body, form);
    const [ephemeral] = (await api.waitFor("POST", /\/api\/chat\.postEphemeral$/, before + 1)).slice(before);
    expect(param2(ephemeral!, "user")).toBe("UCAROL");
    expect(param2(ephemeral!, "channel")).toBe(CHANNEL);
    expect(param2(ephemeral!, "text")).toContain("I don't know /dance");
    expect(api.find("POST", new RegExp(`^${gone.responseUrl}$`))).toHaveLength(1);
    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(metrics).toMatch(/studybot_platform_errors_total\{platform="slack",code="response_url_404"\} 1/);
  });

  it("waits out a response_url Retry-After longer than 4 s, and tries again only then", async () => {
    const slow = command("/dance");
    api.rateLimit(slow.responseUrl, 5);
    await send(slow.body, form);
    const [hit, retry] = await api.waitFor("POST", new RegExp(`^${slow.responseUrl}$`), 2, 8000);
    expect(retry!.at - hit!.at).toBeGreaterThanOrEqual(4900);
    expect(JSON.stringify(retry?.body)).toContain("I don't know /dance");
    await new Promise((r) => setTimeout(r, 300));
    expect(api.find("POST", new RegExp(`^${slow.responseUrl}$`))).toHaveLength(2);
  }, 15_000);

  it("sends a private reply by chat.postEphemeral at once when response_url asks to wait longer than a member would", async () => {
    const before = api.find("POST", /\/api\/chat\.postEphemeral$/).length;
    const limited = command("/dance", "", "UCAROL");
    api.rateLimit(limited.responseUrl, 120);
    const started = Date.now();
    await send(limited.body, form);
    const [ephemeral] = (await api.waitFor("POST", /\/api\/chat\.postEphemeral$/, before + 1)).slice(before);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(param2(ephemeral!, "user")).toBe("UCAROL");
    expect(param2(ephemeral!, "text")).toContain("I don't know /dance");
    expect(api.find("POST", new RegExp(`^${limited.responseUrl}$`))).toHaveLength(1);
  });

  it("uses a response_url at most five times, as Slack allows, then replies by chat.postEphemeral", async () => {
    const first = command("/dance", "", "UDAN");
    const reused = (body: string) =>
      body.replace(/response_url=[^&]+/, `response_url=${encodeURIComponent(api.url + first.responseUrl)}`);
    const before = api.find("POST", /\/api\/chat\.postEphemeral$/).length;
    for (let i = 0; i < 6; i++) await send(reused(command("/dance", "", "UDAN").body), form);
    const sixth = await api.waitFor("POST", /\/api\/chat\.postEphemeral$/, before + 1);
    expect(param2(sixth.at(-1), "user")).toBe("UDAN");
    const uses = api.find("POST", new RegExp(`^${first.responseUrl}$`));
    expect(uses).toHaveLength(6);
  });

  it("shows members by their display name, else their real name, else their handle, asking users.info once per member", async () => {
    api.users.set("UDISPLAY", { name: "dee", displayName: "Dee ✨", realName: "Deborah Jones" });
    api.users.set("UREAL", { name: "rr", realName: "Rita Real" });
    const asked = (user: string) =>
      api.find("POST", /\/api\/users\.info$/).filter((r) => param2(r, "user") === user).length;
    const posts = postCount();
    await send(command("/quiz", "nodejs", "UDISPLAY", "C300").body, form);
    const [question] = await postsAfter(posts, 1);
    expect(JSON.stringify(param2(question, "blocks"))).toContain("started by Dee ✨");
    const answerIds = (param2(question, "blocks") as SlackBlock[])
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.action_id ?? "");
    const roundId = answerIds[0]?.split(":")[1] ?? "";
    const round = await bot.app.services.store.getRound(`slack:${TEAM}:C300`, roundId);
    for (const user of ["UDISPLAY", "UREAL", "UHANDLE"]) {
      const responseUrl = api.responseUrl();
      const click = blockActions({
        actionId: `quiz.answer:${roundId}:${round?.answer}`,
        user,
        team: TEAM,
        channel: "C300",
        responseUrl,
      });
      await send(interactive(click), form);
      await responseTo(responseUrl.replace(api.url, ""));
    }
    // A click goes on with the payload's handle; the group's records take Slack's name after it.
    const nameOf = async (id: string) =>
      (await bot.app.services.store.members(`slack:${TEAM}:C300`)).find((m) => m.memberId === id)?.name;
    await expect.poll(() => nameOf("UREAL"), { timeout: 5000 }).toBe("Rita Real");
    // Points reach the board when the round closes.
    await bot.app.services.store.closeRound(`slack:${TEAM}:C300`, roundId);
    await send(command("/leaderboard", "", "UREAL", "C300").body, form);
    const board = await api.waitFor("POST", /\/api\/chat\.postMessage$/, 1, 5000, (r) =>
      String(param2(r, "text")).startsWith("Leaderboard"),
    );
    const text = JSON.stringify(param2(board.at(-1), "blocks"));
    expect(text).toContain("Dee ✨");
    expect(text).toContain("Rita Real");
    expect(text).toContain("handle");
    expect(text).not.toContain("dee");
    expect([asked("UDISPLAY"), asked("UREAL"), asked("UHANDLE")]).toEqual([1, 1, 1]);
  });

  it("locks a click's answer in without waiting for users.info, then records the name Slack shows", async () => {
    api.users.set("USLOW", { name: "slow", displayName: "Slow Sam" });
    const started = command("/quiz", "nodejs", "UDISPLAY", "C301");
    const posts = postCount();
    await send(started.body, form);
    const [question] = await postsAfter(posts, 1);
    const roundId =
      (param2(question, "blocks") as SlackBlock[])
        .flatMap((b) => b.elements ?? [])
        .map((e) => e.action_id ?? "")[0]
        ?.split(":")[1] ?? "";
    const group = `slack:${TEAM}:C301`;
    const nameOf = async (id: string) =>
      (await bot.app.services.store.members(group)).find((m) => m.memberId === id)?.name;
    // users.info refuses every call for the next 2 s (429), so Slack's name comes only after that.
    api.rateLimit("/api/users.info", 2);
    const responseUrl = api.responseUrl();
    await send(
      interactive(
        blockActions({
          actionId: `quiz.answer:${roundId}:0`,
          user: "USLOW",
          team: TEAM,
          channel: "C301",
          responseUrl,
        }),
      ),
      form,
    );
    const reply = await responseTo(responseUrl.replace(api.url, ""));
    expect(JSON.stringify(reply.body)).toContain("locked in");
    expect(await nameOf("USLOW")).toBe("slow");
    await expect.poll(() => nameOf("USLOW"), { timeout: 10_000, interval: 200 }).toBe("Slow Sam");
    // A member who never studied in the group is not added to it by a name learned later.
    expect(await bot.app.services.store.renameMember(group, "UNEVER", "Nobody")).toBe(false);
    expect(await nameOf("UNEVER")).toBeUndefined();
  }, 15_000);

  it("shows a daily post refused with not_in_channel in /studygroup status", async () => {
    const setup = command("/studygroup", "setup time=00:00", "UADMIN", "CNOTIN");
    await send(setup.body, form);
    expect(JSON.stringify((await responseTo(setup.responseUrl)).body)).toContain(
      "I'm not in this channel yet",
    );
    expect(await bot.app.poster.postIfDue(`slack:${TEAM}:CNOTIN`)).toBe("failed");
    const status = command("/studygroup", "status", "UADMIN", "CNOTIN");
    await send(status.body, form);
    expect(JSON.stringify((await responseTo(status.responseUrl)).body)).toContain(
      "The last daily post failed: I'm not in this channel yet. Invite me with /invite, then try again.",
    );
  });

  it("reports not_in_channel to the member clearly and keeps going", async () => {
    const notIn = command("/daily", "", "UALICE", "CNOTIN");
    await send(notIn.body, form);
    const reply = await responseTo(notIn.responseUrl);
    expect(JSON.stringify(reply.body)).toContain("I'm not in this channel yet");
    const ok = command("/streak");
    await send(ok.body, form);
    expect(JSON.stringify((await responseTo(ok.responseUrl)).body)).toContain("Streak");
  });

  it("posts a setup change with chat.postMessage, stores the first member to set a channel up as its organizer, and asks users.info about a workspace admin once", async () => {
    const before = api.find("POST", /\/api\/users\.info$/).length;
    const first = command("/studygroup", "setup time=07:30 timezone=Asia/Kolkata", "UFIRST", "C200");
    await send(first.body, form);
    const inC200 = (r: Recorded) => param2(r, "channel") === "C200";
    const [saved] = await api.waitFor("POST", /\/api\/chat\.postMessage$/, 1, 5000, inC200);
    expect(JSON.stringify(param2(saved, "blocks"))).toContain("07:30 Asia/Kolkata");
    expect(api.find("POST", /\/api\/users\.info$/).length).toBeGreaterThan(before);

    const admin = command("/studygroup", "pause", "UADMIN", "C200");
    await send(admin.body, form);
    const paused = await api.waitFor("POST", /\/api\/chat\.postMessage$/, 2, 5000, inC200);
    expect(param2(paused[1], "text")).toContain("Paused by admin");
    const asked = (user: string) =>
      api.find("POST", /\/api\/users\.info$/).filter((r) => param2(r, "user") === user).length;
    expect(asked("UADMIN")).toBe(1);
    const again = command("/studygroup", "resume", "UADMIN", "C200");
    await send(again.body, form);
    await api.waitFor("POST", /\/api\/chat\.postMessage$/, 3, 5000, inC200);
    expect(asked("UADMIN")).toBe(1);
    const settings = await bot.app.services.groups.settings(`slack:${TEAM}:C200`);
    expect(settings).toMatchObject({ organizer: "UFIRST", postTime: "07:30" });
    expect(settings.pausedOn).toBeUndefined();
  });

  it("opens the /mock form with views.open, carries the opener's response_url in private_metadata, and keeps reviews in the answer's thread", async () => {
    const opened = command("/mock", "star", "UALICE");
    await send(opened.body, form);
    const [open] = await api.waitFor("POST", /\/api\/views\.open$/);
    expect(param2(open, "trigger_id")).toBe(opened.trigger);
    const view = param2(open, "view") as { callback_id: string; private_metadata: string };
    // The submission has no response_url of its own: the opener's travels in the metadata.
    expect(JSON.parse(view.private_metadata)).toEqual({
      team: TEAM,
      channel: CHANNEL,
      responseUrl: `${api.url}${opened.responseUrl}`,
    });

    const posts = postCount();
    const payload = starSubmission(view, triggerId(), "V1");
    await send(interactive(payload), form);
    const [answer, intro] = await postsAfter(posts, 2);
    expect(param2(answer, "text")).toContain("Mock answer by alice");
    expect(param2(intro, "thread_ts")).toMatch(/^\d+\.\d+$/);

    // A review with a bad score keeps the modal open, with the error under the field.
    const review = (param2(answer, "blocks") as SlackBlock[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith("interview.review:"))?.action_id;
    const mockId = review?.split(":")[1] ?? "";
    const rubric = (values: Record<string, string>) => ({
      ...payload,
      user: { id: "UBOB", username: "bob", name: "bob", team_id: TEAM },
      view: {
        ...payload.view,
        callback_id: `interview.rate:${mockId}`,
        state: {
          values: Object.fromEntries(
            Object.entries(values).map(([f, v]) => [f, { [f]: { type: "plain_text_input", value: v } }]),
          ),
        },
      },
    });
    const bad = await send(
      interactive(rubric({ situation: "9", task: "3", action: "3", result: "x", comment: "" })),
      form,
    );
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.text)).toEqual({
      response_action: "errors",
      errors: { situation: "A whole number from 1 to 5.", result: "A whole number from 1 to 5." },
    });
    const good = await send(
      interactive(rubric({ situation: "4", task: "3", action: "3", result: "5", comment: "ok" })),
      form,
    );
    expect(good.text).toBe("");
    const [reviewPost] = await api.waitFor("POST", /\/api\/chat\.postMessage$/, 1, 5000, (r) =>
      String(param2(r, "text")).includes("Review by bob"),
    );
    expect(param2(reviewPost, "thread_ts")).toBe(param2(intro, "thread_ts"));

    // Review clicked on the answer, now a thread's parent (thread_ts = its ts): the form belongs to
    // the channel. Clicked on a message inside a thread: to that thread.
    const answerTs = String(param2(intro, "thread_ts"));
    const openedForms = () => api.find("POST", /\/api\/views\.open$/).length;
    const metadataOfNextForm = async (click: ReturnType<typeof action>) => {
      const count = openedForms();
      await send(click.body, form);
      const opened = (await api.waitFor("POST", /\/api\/views\.open$/, count + 1)).slice(count);
      return JSON.parse((param2(opened[0], "view") as { private_metadata: string }).private_metadata);
    };
    const onParent = await metadataOfNextForm(action(review ?? "", "UCAROL", answerTs, answerTs));
    expect(onParent.thread).toBeUndefined();
    const inThread = await metadataOfNextForm(action(review ?? "", "UDAVE", "1700000999.000100", answerTs));
    expect(inThread.thread).toBe(answerTs);
  });

  it("tells the member why a form could not be posted, through the opener's response_url", async () => {
    const opened = command("/mock", "star", "UALICE", "CNOTIN");
    const count = api.find("POST", /\/api\/views\.open$/).length;
    await send(opened.body, form);
    const [open] = (await api.waitFor("POST", /\/api\/views\.open$/, count + 1)).slice(count);
    const view = param2(open, "view") as { callback_id: string; private_metadata: string };
    const payload = starSubmission(view, triggerId(), "V3");
    await send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form);
    const reply = await responseTo(opened.responseUrl);
    expect(JSON.stringify(reply.body)).toContain("I'm not in this channel yet");
  });

  it("tells the member clearly when a form's 3-second trigger_id has expired, never 'something went wrong'", async () => {
    const count = api.find("POST", /\/api\/views\.open$/).length;
    const late = command("/mock", "star", "UALICE", CHANNEL, 3500);
    await send(late.body, form);
    const reply = await responseTo(late.responseUrl);
    const [open] = api.find("POST", /\/api\/views\.open$/).slice(count);
    expect(param2(open, "trigger_id")).toBe(late.trigger);
    const text = JSON.stringify(reply.body);
    expect(text).toContain("Slack gives me 3 seconds to open a form");
    expect(text).toContain("try again");
    expect(text).not.toMatch(/something went wrong/i);
    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(metrics).toMatch(/studybot_user_errors_total\{[^}]*code="slack-form-expired"[^}]*\} 1/);
  });

  it("waits out a 429 with Retry-After and delivers the post", async () => {
    // Only this post: the bot's own schedules may post meanwhile.
    const scheduled = (r: Recorded) => String(param2(r, "text")).includes("Scheduled post");
    api.once((r) => r.path === "/api/chat.postMessage" && scheduled(r), {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    const before = api.find("POST", /chat\.postMessage/).length;
    const started = Date.now();
    const ref = await bot.app.services.outboxes
      .get("slack")
      ?.post(
        { platform: "slack", workspace: TEAM, channel: CHANNEL },
        { blocks: [{ type: "text", text: "Scheduled post" }] },
      );
    const tries = api
      .find("POST", /\/api\/chat\.postMessage$/)
      .slice(before)
      .filter(scheduled);
    expect(tries).toHaveLength(2);
    expect(ref?.id).toMatch(/^\d+\.\d+$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe("Slack rendering and naming", () => {
  it("keeps Block Kit within its limits, never cuts an action id, and escapes member text", () => {
    const blocks: Block[] = [
      { type: "header", text: "H".repeat(400) },
      { type: "text", text: "x".repeat(7000) },
      {
        type: "buttons",
        buttons: Array.from({ length: 30 }, (_, i) => ({
          action: `a:${i}:${"y".repeat(240)}`,
          label: "L".repeat(100),
        })),
      },
      ...Array.from({ length: 60 }, (): Block => ({ type: "divider" })),
    ];
    const out = renderMessage({ blocks });
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    const header = out.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const b of out.blocks as SlackBlock[]) {
      if (b.type === "section") expect(b.text?.text.length).toBeLessThanOrEqual(3000);
      for (const e of b.elements ?? []) {
        if (e.action_id) expect(e.action_id.length).toBeLessThanOrEqual(255);
        if (e.action_id) expect(e.action_id).toMatch(/^a:\d+:y{240}$/);
        if (typeof e.text !== "string" && b.type === "actions")
          expect(e.text.text.length).toBeLessThanOrEqual(75);
      }
    }
    expect(
      out.blocks.filter((b) => b.type === "actions").flatMap((b) => (b as SlackBlock).elements ?? []),
    ).toHaveLength(30);
    expect(out.text.length).toBeLessThanOrEqual(4000);
    const tooLong: Block = { type: "buttons", buttons: [{ action: `a:${"y".repeat(255)}`, label: "x" }] };
    expect(() => renderMessage({ blocks: [tooLong] })).toThrow("over Slack's 255 characters");
    expect(toMrkdwn("**a** <@U1> & <#C9> 1 > 0")).toBe("*a* &lt;@U1&gt; &amp; <#C9> 1 &gt; 0");
  });

  it("puts a section's text and its first ten fields in one block", () => {
    const field = (i: number) => ({ label: `F${i}`, value: `v${i}`, inline: true });
    const out = renderMessage({
      blocks: [
        { type: "section", title: "Group", fields: [1, 2, 3].map(field) },
        { type: "section", text: "Many", fields: Array.from({ length: 12 }, (_, i) => field(i)) },
        { type: "section", fields: [field(1)] },
      ],
    }).blocks as (SlackBlock & { fields?: { text: string }[] })[];
    expect(out.map((b) => [b.text?.text, b.fields?.length])).toEqual([
      ["*Group*", 3],
      ["Many", 10],
      [undefined, 2],
      [undefined, 1],
    ]);
  });

  it("splits a long code block into sections that each open and close it, and never cuts an entity", () => {
    const code = Array.from({ length: 300 }, (_, i) => `const line${i} = a < b && c > d;`).join("\n");
    const texts = (
      renderMessage({ blocks: [{ type: "text", text: `Intro\n\`\`\`\n${code}\n\`\`\`\nAfter` }] })
        .blocks as SlackBlock[]
    ).map((b) => b.text?.text ?? "");
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(3000);
      expect(t.split("```").length % 2, t.slice(0, 40)).toBe(1);
    }
    expect(texts.at(-1)).toMatch(/After$/);
    const texts2 = (text: string) =>
      (renderMessage({ blocks: [{ type: "text", text }] }).blocks as SlackBlock[]).map(
        (b) => b.text?.text ?? "",
      );
    // An answer that opens a code block and never closes it, just under the limit.
    const unclosed = texts2(`\`\`\`js\n${"x".repeat(2994)}`);
    for (const t of unclosed) expect(t.length).toBeLessThanOrEqual(3000);
    expect(unclosed.map((t) => t.split("```").length % 2)).toEqual(unclosed.map(() => 1));
    // A cut never splits a fence or a channel mention.
    const fence = texts2(`${"a".repeat(2995)}\`\`\`code\`\`\``);
    expect(fence.every((t) => t.split("```").length % 2 === 1 && !/[^`]`{1,2}$/.test(t))).toBe(true);
    const mentions = texts2(`ab${"<#C0123456789>".repeat(400)}`);
    expect(mentions.every((t) => /^(ab)?(<#C0123456789>)+$/.test(t))).toBe(true);
    const flat = "&".repeat(2999) + "x".repeat(10);
    for (const t of (renderMessage({ blocks: [{ type: "text", text: flat }] }).blocks as SlackBlock[]).map(
      (b) => b.text?.text ?? "",
    )) {
      expect(t).toMatch(/^(&amp;)*x*$/);
    }
  });

  it("escapes the notification text as it escapes the blocks", () => {
    const out = renderMessage({
      blocks: [{ type: "text", text: "<!channel> see `Map<K,V>` & <@U1>" }],
    });
    expect(out.text).toBe("&lt;!channel&gt; see Map&lt;K,V&gt; &amp; &lt;@U1&gt;");
  });

  it("gives the App Home its 100 blocks, where a message has 50", () => {
    const groups: Block[] = Array.from({ length: 40 }, (_, i): Block[] => [
      { type: "divider" },
      { type: "section", title: `<#C${i}>`, fields: [{ label: "Streak", value: "1 day" }] },
    ]).flat();
    const home = renderMessage({ blocks: groups }, LIMITS.homeBlocks);
    expect(home.blocks).toHaveLength(80);
    const message = renderMessage({ blocks: groups });
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain("shortened");
  });

  it("names commands in replies as members type them with a prefix or an umbrella command", () => {
    /** A text as the renderer writes it for a workspace with this naming (the fallback, escaped). */
    const as = (naming: CommandNaming) => (text: string) =>
      renderMessage({ blocks: [{ type: "text", text }] }, undefined, commandStyle(naming)).text;
    const leaderboard = commands.find((c) => c.name === "leaderboard");
    if (!leaderboard) throw new Error("no leaderboard command");
    const hint = usage(leaderboard.name, argumentSpecs(leaderboard.args));
    const prefixed = as({ prefix: "sg-" });
    expect(prefixed(`Start another round with ${cmd("quiz")}. Usage: ${hint}`)).toBe(
      "Start another round with /sg-quiz. Usage: /sg-leaderboard [week|month|all]",
    );
    expect(prefixed(`I don't know /dance. Try ${cmd("help")}.`)).toBe("I don't know /dance. Try /sg-help.");
    // The bot names an unknown command as it was typed here, prefix and all.
    expect(prefixed(`I don't know ${cmd("dance")}. Try ${cmd("help")}.`)).toBe(
      "I don't know /sg-dance. Try /sg-help.",
    );
    expect(prefixed("see https://x.test/quiz and /quizzes")).toBe("see https://x.test/quiz and /quizzes");
    const umbrella = as({ prefix: "", umbrella: "study" });
    expect(umbrella(`Try ${cmd("mock", "star")}, then ${cmd("streak")}`)).toBe(
      "Try /study mock star, then /study streak",
    );
    expect(as({ prefix: "" })(cmd("quiz"))).toBe("/quiz");
  });

  it("maps prefixed and umbrella slash commands to the core's commands", () => {
    expect(resolveSlash("/quiz", "nodejs", { prefix: "" })).toEqual({ command: "quiz", text: "nodejs" });
    expect(resolveSlash("/sg-quiz", "nodejs", { prefix: "sg-" })).toEqual({
      command: "quiz",
      text: "nodejs",
    });
    expect(resolveSlash("/quiz", "nodejs", { prefix: "sg-" })).toBeUndefined();
    expect(resolveSlash("/study", "quiz nodejs", { prefix: "", umbrella: "study" })).toEqual({
      command: "quiz",
      text: "nodejs",
    });
    expect(resolveSlash("/study", "", { prefix: "", umbrella: "study" })).toEqual({
      command: "help",
      text: "",
    });
  });

  it("manifest.yaml matches commands/ (run npm run manifest:slack after changing a command)", () => {
    const file = parse(readFileSync("manifest.yaml", "utf8"));
    expect(file).toEqual(slackManifest(commands));
    const names = file.features.slash_commands.map((c: { command: string }) => c.command);
    expect(names).toEqual(commands.map((c) => `/${c.name}`));
    expect(file.settings.socket_mode_enabled).toBe(true);
    expect(file.oauth_config.scopes.bot).toEqual([
      "commands",
      "chat:write",
      "users:read",
      "files:write",
      "files:read",
      "im:write",
    ]);
    // Reminders, digests and private files are direct messages: the Messages tab must be on.
    expect(file.features.app_home.messages_tab_enabled).toBe(true);
    const hints = (file.features.slash_commands as { usage_hint?: string }[]).flatMap((c) =>
      c.usage_hint ? [c.usage_hint] : [],
    );
    expect(hints.length).toBeGreaterThan(4);
    for (const hint of hints) {
      expect(hint.length).toBeLessThanOrEqual(MANIFEST_LIMITS.usageHint);
      expect(hint).toMatch(/^(\[[^\]\s]+\]|<[^>\s]+>)( (\[[^\]\s]+\]|<[^>\s]+>|…))*$/);
    }
  });

  it("gives every usage hint whole, up to Slack's 1000 characters, where it once cut /studygroup's at 100", () => {
    const manifest = slackManifest(commands);
    for (const c of commands) {
      const args = argumentSpecs(c.args);
      const hint = manifest.features.slash_commands.find((s) => s.command === `/${c.name}`)?.usage_hint;
      expect(hint, c.name).toBe(args.length > 0 ? usageArgs(args) : undefined);
    }
    const studygroup = manifest.features.slash_commands.find((s) => s.command === "/studygroup");
    expect(studygroup?.usage_hint?.length).toBeGreaterThan(100);
    expect(studygroup?.usage_hint).toContain("[quiz:90]");
    const many = Array.from({ length: 400 }, (_, i) => ({ ...commands[0]!, name: `c${i}` }));
    const umbrella = slackManifest(many, { prefix: "", umbrella: "study" }).features.slash_commands[0];
    expect(umbrella?.usage_hint?.length).toBeLessThanOrEqual(MANIFEST_LIMITS.usageHint);
    expect(umbrella?.usage_hint).toMatch(/ …$/);
  });

  it("writes code blocks without their language tag, which Slack would show as the first line", () => {
    const code = "Output?\n```js\nconsole.log(1 < 2);\n```\nand ```inline``` code, then\n```\nplain\n```";
    const out = renderMessage({ blocks: [{ type: "text", text: code }] });
    expect((out.blocks[0] as SlackBlock).text?.text).toBe(
      "Output?\n```\nconsole.log(1 &lt; 2);\n```\nand ```inline``` code, then\n```\nplain\n```",
    );
    const field = renderMessage({
      blocks: [{ type: "section", fields: [{ label: "Code", value: "```ts\nconst a = 1;\n```" }] }],
    }).blocks[0] as SlackBlock;
    expect(field.fields?.[0]?.text).toBe("*Code*\n```\nconst a = 1;\n```");
  });
});

describe("Slack with a command prefix", () => {
  it("answers /sg-help and names every command as members type it", async () => {
    const api = slackStandIn();
    await api.start();
    const bot = await startBot(
      readConfig({
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_TRANSPORT: "http",
        SLACK_API_URL: `${api.url}/api/`,
        SLACK_COMMAND_PREFIX: "sg-",
        REDIS_URL: inject("redisUrl"),
        REDIS_PREFIX: `p${shortId(8)}`,
        PORT: "0",
      }),
      pino({ level: "silent" }),
      { content: realContent() },
    );
    try {
      const body = new URLSearchParams({
        team_id: TEAM,
        channel_id: CHANNEL,
        user_id: "UALICE",
        user_name: "alice",
        command: "/sg-help",
        text: "",
        response_url: `${api.url}/response/prefixed`,
        trigger_id: triggerId(),
      }).toString();
      const form = "application/x-www-form-urlencoded";
      await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
        method: "POST",
        body,
        headers: slackHeaders(SECRET, body, form),
      });
      const [reply] = await api.waitFor("POST", /^\/response\/prefixed$/);
      const text = JSON.stringify(reply?.body);
      expect(text).toContain("/sg-quiz [topic]");
      expect(text).toContain("/sg-studygroup");
      expect(text).not.toMatch(/[^-]\/quiz /);
    } finally {
      await bot.stop();
      await api.stop();
    }
  });
});
