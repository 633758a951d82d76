import pino from "pino";
import { afterEach, describe, expect, inject, it } from "vitest";
import { readConfig } from "../src/config.ts";
import { shortId } from "../src/core/ids.ts";
import type { Form } from "../src/core/model.ts";
import { startBot } from "../src/start.ts";
import { discordStandIn } from "../testkit/discord-api.ts";
import { discordHttpEnv, payload, signedRequest, testKeys } from "../testkit/discord-client.ts";
import { modalProblems } from "../testkit/discord-modal.ts";
import { slackHeaders, slackStandIn } from "../testkit/slack-api.ts";
import { FULL, type Harness, harness, ManualClock, realContent } from "./support/harness.ts";

describe("the setup form", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it("opens filled with the current values, and leaves the round length to the typed option where forms hold five fields", async () => {
    h = await harness({ now: "2026-06-01T10:00:00Z" });
    const olga = h.member("olga", true);
    await h.command(olga, "studygroup", "setup time=07:05 timezone=Asia/Kolkata days=weekdays quiz=90");
    await h.command(olga, "studygroup", "setup");
    const form = h.platform.forms.at(-1)?.form as Form;
    expect(form.action).toBe("studygroup.setup");
    expect(Object.fromEntries(form.fields.map((f) => [f.id, f.initial]))).toEqual({
      time: "07:05",
      timezone: "Asia/Kolkata",
      plan: "node-30-day",
      start: "2026-06-01",
      days: "weekdays",
      quiz: "90",
    });
    expect(form.fields.find((f) => f.id === "timezone")?.kind).toBe("search");
    const plan = form.fields.find((f) => f.id === "plan");
    expect(plan?.kind === "select" && plan.options.map((o) => o.value)).toContain("node-30-day");

    const five = h.platform.event(
      olga,
      h.place,
      { kind: "command", command: "studygroup", text: "setup" },
      {
        ...FULL,
        formFields: 5,
      },
    );
    await h.app.bot.handle(five);
    expect(h.platform.forms.at(-1)?.form.fields.map((f) => f.id)).toEqual([
      "time",
      "timezone",
      "plan",
      "start",
      "days",
    ]);
  });

  it("refuses members who may not set the group up before opening anything", async () => {
    h = await harness();
    await h.command(h.member("olga", true), "studygroup", "setup days=every");
    const reply = await h.command(h.member("kai"), "studygroup", "setup");
    expect(reply.kind).toBe("private");
    expect(reply.text).toContain("Only organizers can set the group up");
    expect(h.platform.forms).toEqual([]);
  });

  it("names every bad field, suggests the zone meant, and saves nothing", async () => {
    h = await harness({ now: "2026-06-01T10:00:00Z" });
    const olga = h.member("olga", true);
    await h.command(olga, "studygroup", "setup days=every");
    const before = await h.app.services.groups.settings("test:w1:c1");
    const reply = await h.submit(olga, "studygroup.setup", {
      time: "7pm",
      timezone: "europe/berln",
      plan: "node-30-day",
      start: "",
      days: "sometimes",
      quiz: "5",
    });
    expect(reply.kind).toBe("private");
    expect(reply.text).toContain('Daily post time (HH:MM, 24-hour): "7pm" is not a time of day');
    expect(reply.text).toContain(
      'Time zone: "europe/berln" is not an IANA time zone: did you mean Europe/Berlin?',
    );
    expect(reply.text).toContain("Start date (YYYY-MM-DD): nothing was entered");
    expect(reply.text).toContain('Post on: "sometimes" is not one of: every, weekdays');
    expect(reply.text).toContain('Quiz round length: "5" is not a round length from 10 to 3600 seconds');
    expect(await h.app.services.groups.settings("test:w1:c1")).toEqual(before);
    const typed = await h.command(olga, "studygroup", "setup timezone=Amrica/Chicago");
    expect(typed.text).toContain(
      'timezone "Amrica/Chicago" is not an IANA time zone: did you mean America/Chicago?',
    );
  });

  it("is asked field by field in the playground", async () => {
    const { PlaygroundSession } = await import("../src/adapters/playground/session.ts");
    h = await harness();
    let out = "";
    const session = new PlaygroundSession(h.app.bot, (text) => (out += text));
    await session.input("/studygroup setup");
    expect(out).toContain("[form for you] Study group setup");
    expect(session.prompt).toMatch(/^ {2}Daily post time \(HH:MM, 24-hour\) \[\d\d:\d\d\]> $/);
    await session.input("06:30");
    await session.input("Europe/Berlin");
    expect(out).toMatch(/1\) .+ {2}2\) /);
    await session.input("");
    await session.input("");
    expect(out).toContain("1) Every day  2) Weekdays only");
    await session.input("9");
    expect(out).toContain("Pick a number from 1 to 2.");
    await session.input("2");
    await session.input("");
    expect(out).toContain("Saved by you");
    expect(await h.app.services.groups.settings("playground:local:study")).toMatchObject({
      postTime: "06:30",
      timezone: "Europe/Berlin",
      weekdaysOnly: true,
    });
  });
});

describe("the setup form on the platforms", () => {
  it("is a valid Discord modal of labelled inputs and selects, and a labelled submission saves", async () => {
    const api = discordStandIn();
    await api.start();
    const { publicHex, privateKey } = testKeys();
    const env = discordHttpEnv({
      apiUrl: api.url,
      publicHex,
      redisUrl: inject("redisUrl"),
      prefix: `sf${shortId(8)}`,
    });
    const clock = new ManualClock(Date.parse("2026-06-01T10:00:00Z"));
    const bot = await startBot(readConfig(env), pino({ level: "silent" }), { clock, content: realContent() });
    try {
      const url = `http://127.0.0.1:${bot.port}/discord/interactions`;
      const post = async (body: unknown) => {
        const text = JSON.stringify(body);
        const res = await fetch(url, {
          method: "POST",
          body: text,
          headers: signedRequest(privateKey, text),
        });
        return (await res.json()) as { type: number; data?: Record<string, unknown> };
      };
      const olga = { id: "999", name: "Olga", permissions: "32" };
      const opened = await post(
        payload.command(olga, "studygroup", [{ name: "action", type: 3, value: "setup" }]),
      );
      expect(opened.type).toBe(9);
      expect(modalProblems(opened.data)).toEqual([]);
      const labels = opened.data?.components as { component: Record<string, unknown> }[];
      expect(labels.map((l) => l.component.custom_id)).toEqual(["time", "timezone", "plan", "start", "days"]);
      expect(labels[1]?.component).toMatchObject({ type: 4, value: "UTC" });
      const days = labels[4]?.component.options as { value: string; default?: boolean }[];
      expect(days.find((o) => o.default)?.value).toBe("every");

      const submit = payload.modal(olga, "studygroup.setup", {});
      const field = (id: string, component: Record<string, unknown>) => ({
        type: 18,
        id: 1,
        component: { id: 2, custom_id: id, ...component },
      });
      submit.data.components = [
        field("time", { type: 4, value: "06:45" }),
        field("timezone", { type: 4, value: "Europe/Berlin" }),
        field("plan", { type: 3, values: ["node-30-day"] }),
        field("start", { type: 4, value: "2026-06-01" }),
        field("days", { type: 3, values: ["weekdays"] }),
      ] as never;
      const saved = await post(submit);
      expect(JSON.stringify(saved)).toContain("Saved by Olga");
      expect(await bot.app.services.groups.settings("discord:700:800")).toMatchObject({
        postTime: "06:45",
        timezone: "Europe/Berlin",
        weekdaysOnly: true,
      });
    } finally {
      await bot.stop();
      await api.stop();
    }
  });

  it("answers Slack's options request for the time zone with the zones meant", async () => {
    const api = slackStandIn();
    await api.start();
    const secret = "setup-form-secret";
    const config = readConfig({
      SLACK_BOT_TOKEN: "xoxb-setup-form",
      SLACK_SIGNING_SECRET: secret,
      SLACK_TRANSPORT: "http",
      SLACK_API_URL: `${api.url}/api/`,
      REDIS_URL: inject("redisUrl"),
      REDIS_PREFIX: `sf${shortId(8)}`,
      PORT: "0",
    });
    const bot = await startBot(config, pino({ level: "silent" }), { content: realContent() });
    try {
      const ask = async (actionId: string, value: string) => {
        const body = new URLSearchParams({
          payload: JSON.stringify({
            type: "block_suggestion",
            user: { id: "UOLGA", username: "olga", name: "olga", team_id: "T1" },
            team: { id: "T1", domain: "t" },
            api_app_id: "A1",
            token: "legacy",
            action_id: actionId,
            block_id: "timezone",
            value,
            view: {
              id: "V1",
              type: "modal",
              callback_id: "studygroup.setup",
              private_metadata: JSON.stringify({ team: "T1", channel: "C1" }),
            },
          }),
        }).toString();
        const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
          method: "POST",
          body,
          headers: slackHeaders(secret, body, "application/x-www-form-urlencoded"),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as { options: { text: { type: string; text: string }; value: string }[] };
      };
      const berlin = await ask("suggest:studygroup:timezone", "berl");
      expect(berlin.options).toEqual([
        { text: { type: "plain_text", text: "Europe/Berlin", emoji: true }, value: "Europe/Berlin" },
      ]);
      expect(
        (await ask("suggest:studygroup:timezone", "Amrica/Chicgo")).options.map((o) => o.value),
      ).toContain("America/Chicago");
      expect((await ask("suggest:studygroup:timezone", "europe")).options.length).toBeLessThanOrEqual(100);
      expect((await ask("something-else", "berl")).options).toEqual([]);
    } finally {
      await bot.stop();
      await api.stop();
    }
  });
});
