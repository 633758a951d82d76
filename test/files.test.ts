import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "csv-parse/sync";
import { WebClient } from "@slack/web-api";
import pino from "pino";
import { membersCsv, neutralised } from "../commands/studygroup/export-csv.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../commands/index.ts";
import { applicationCommands } from "../src/adapters/discord/commands.ts";
import { handleGatewayInteraction } from "../src/adapters/discord/gateway.ts";
import { renderMessage as renderSlack, renderModal } from "../src/adapters/slack/render.ts";
import { SlackOutbox } from "../src/adapters/slack/responder.ts";
import { argumentSpecs, usageArgs } from "../src/core/args.ts";
import { discordRest } from "../src/adapters/discord/rest.ts";
import { createApp } from "../src/app.ts";
import { defineCommand } from "../src/app/define-command.ts";
import { UserError } from "../src/core/errors.ts";
import { filePart, fitFiles, withoutFiles } from "../src/core/files.ts";
import { downloadFile } from "../src/platform/download.ts";
import type { Capabilities, FilePart } from "../src/core/model.ts";
import { type DiscordStandIn, discordStandIn, UPLOAD_LIMITS } from "../testkit/discord-api.ts";
import { payload } from "../testkit/discord-client.ts";
import { type SlackApi, slackStandIn, UPLOAD_URL_TTL_MS } from "../testkit/slack-api.ts";
import { makeStore, ManualClock, realContent } from "./support/harness.ts";

const bytes = (n: number) => new Uint8Array(n).fill(7);
const file = (name: string, size: number, contentType = "image/png"): FilePart =>
  filePart({ name, contentType, data: bytes(size), alt: `${name} alt`, fallback: `${name} as text` });

describe("file parts in the neutral model", () => {
  const caps = (files?: Capabilities["files"]): Capabilities => ({
    privateReplies: true,
    forms: true,
    threads: true,
    editMessages: true,
    ...(files ? { files } : {}),
  });

  it("refuses a part without a fallback or with a name a platform cannot reference", () => {
    expect(() => filePart({ ...file("a.png", 1), fallback: "  " })).toThrow(/text fallback/);
    expect(() => filePart({ ...file("a.png", 1), name: "my card.png" })).toThrow(/letters, digits/);
    expect(() => filePart({ ...file("a.png", 1), name: "../x.png" })).toThrow(/letters, digits/);
  });

  it("shows each file's fallback where the platform takes no files, or past its limits, in order", () => {
    const message = {
      blocks: [{ type: "text" as const, text: "hi" }],
      files: [file("a.png", 5), file("b.png", 5)],
    };
    expect(fitFiles(message, caps())).toEqual({
      blocks: [
        { type: "text", text: "hi" },
        { type: "text", text: "a.png as text" },
        { type: "text", text: "b.png as text" },
      ],
    });
    const limited = fitFiles(
      message,
      caps({ maxBytes: 8, maxFiles: 10, inlineImages: true, privateFiles: "with-reply" }),
    );
    expect(limited.files?.map((f) => f.name)).toEqual(["a.png"]);
    expect(limited.blocks.at(-1)).toEqual({ type: "text", text: "b.png as text" });
    const one = fitFiles(
      message,
      caps({ maxBytes: 99, maxFiles: 1, inlineImages: true, privateFiles: "with-reply" }),
    );
    expect(one.files?.map((f) => f.name)).toEqual(["a.png"]);
    expect(withoutFiles(message).files).toBeUndefined();
  });
});

describe("Discord's upload shapes", () => {
  let api: DiscordStandIn;
  beforeAll(async () => {
    api = discordStandIn();
    await api.start();
  });
  afterAll(() => api.stop());

  const post = (form: FormData) =>
    fetch(`${api.url}/api/v10/channels/800/messages`, { method: "POST", body: form });
  const formWith = (attachments: unknown[], parts: [string, number][]) => {
    const form = new FormData();
    form.append("payload_json", JSON.stringify({ content: "x", attachments }));
    for (const [field, size] of parts)
      form.append(field, new Blob([bytes(size)], { type: "image/png" }), "a.png");
    return form;
  };

  it("takes files[n] parts that match the attachments' ids", async () => {
    const res = await post(formWith([{ id: 0, filename: "a.png", description: "alt" }], [["files[0]", 3]]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { attachments: { filename: string; size: number }[] };
    expect(body.attachments).toMatchObject([{ filename: "a.png", size: 3, description: "alt" }]);
  });

  it("refuses a part without its entry, an entry without its part, too many files and too many bytes", async () => {
    const noEntry = await post(formWith([{ id: 0, filename: "a.png" }], [["files[1]", 3]]));
    expect(noEntry.status).toBe(400);
    expect(await noEntry.json()).toMatchObject({ code: 50035 });
    const noPart = await post(formWith([{ id: 0, filename: "a.png" }], []));
    expect(noPart.status).toBe(400);
    const eleven = Array.from({ length: 11 }, (_, i) => [`files[${i}]`, 1] as [string, number]);
    const many = await post(
      formWith(
        eleven.map((_, i) => ({ id: i, filename: "a.png" })),
        eleven,
      ),
    );
    expect(many.status).toBe(400);
    const big = await post(formWith([{ id: 0, filename: "a.png" }], [["files[0]", UPLOAD_LIMITS.bytes + 1]]));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 40005 });
  });

  it("sends a gateway interaction's first reply with its files through the callback endpoint", async () => {
    const card = file("card.png", 20);
    const app = createApp({
      store: await makeStore(),
      content: realContent(),
      log: pino({ level: "silent" }),
      clock: new ManualClock(Date.now()),
      commands: [
        defineCommand({
          name: "card",
          description: "a private card",
          args: z.object({}),
          run: (ctx) =>
            ctx.replyPrivately({ blocks: [{ type: "header", text: "Card" }], files: [card] }, "none"),
        }),
      ],
    });
    try {
      const rest = discordRest({
        DISCORD_API_URL: `${api.url}/api`,
        DISCORD_TOKEN: "test-bot-token-0123456789",
      });
      const raw = api.interaction(payload.command({ id: "111", name: "Alice" }, "card"));
      await handleGatewayInteraction(raw, rest, { bot: app.bot, rest, log: pino({ level: "silent" }) });
      const [callback] = api.find("POST", new RegExp(`/interactions/${raw.id}/${raw.token}/callback$`));
      expect(callback?.files?.map((f) => [f.field, f.name, f.bytes.length])).toEqual([
        ["files[0]", "card.png", 20],
      ]);
      const original = api.interactionOf(raw.token)?.original;
      expect(original?.audience).toBe("member");
      expect(original?.attachments.map((a) => [a.filename, a.content_type, a.size, a.description])).toEqual([
        ["card.png", "image/png", 20, "card.png alt"],
      ]);
      expect(original?.embeds).toMatchObject([{ title: "Card", image: { url: "attachment://card.png" } }]);
    } finally {
      await app.stop();
    }
  });
});

describe("pictures over the Discord gateway", () => {
  let api: DiscordStandIn;
  beforeAll(async () => {
    api = discordStandIn();
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it("sends /progress with its card as a private attachment shown in the embed", async () => {
    const app = createApp({
      store: await makeStore(),
      content: realContent(),
      log: pino({ level: "silent" }),
      clock: new ManualClock(Date.now()),
    });
    try {
      const rest = discordRest({
        DISCORD_API_URL: `${api.url}/api`,
        DISCORD_TOKEN: "test-bot-token-0123456789",
      });
      const raw = api.interaction(payload.command({ id: "111", name: "Alice" }, "progress"));
      await handleGatewayInteraction(raw, rest, { bot: app.bot, rest, log: pino({ level: "silent" }) });
      const [callback] = api.find("POST", new RegExp(`/interactions/${raw.id}/${raw.token}/callback$`));
      const [part] = callback?.files ?? [];
      expect(part?.name).toMatch(/\.png$/);
      expect(part?.bytes.subarray(1, 4).toString()).toBe("PNG");
      const original = api.interactionOf(raw.token)?.original;
      expect(original?.audience).toBe("member");
      expect(JSON.stringify(original?.embeds)).toContain(`attachment://${part?.name}`);
    } finally {
      await app.stop();
    }
  });
});

describe("Slack's upload flow", () => {
  let api: SlackApi;
  beforeAll(async () => {
    api = slackStandIn();
    await api.start();
  });
  afterAll(() => api.stop());

  const call = async (method: string, params: Record<string, string>) =>
    (await (
      await fetch(`${api.url}/api/${method}`, { method: "POST", body: new URLSearchParams(params) })
    ).json()) as Record<string, unknown>;

  it("gives an upload_url and a file_id, takes exactly the announced bytes, and completes the file", async () => {
    const started = await call("files.getUploadURLExternal", { filename: "a.csv", length: "4" });
    expect(started).toMatchObject({ ok: true, file_id: expect.stringMatching(/^F/) });
    const url = String(started.upload_url);
    expect((await fetch(url, { method: "POST", body: "abc" })).status).toBe(400);
    expect((await fetch(url, { method: "POST", body: "abcd" })).status).toBe(200);
    expect((await fetch(url, { method: "POST", body: "abcd" })).status).toBe(404);
    const done = await call("files.completeUploadExternal", {
      files: JSON.stringify([{ id: started.file_id, title: "a.csv" }]),
      channel_id: "C1",
    });
    expect(done).toMatchObject({ ok: true, files: [{ id: started.file_id, name: "a.csv" }] });
    expect(api.files.get(String(started.file_id))?.shares).toEqual([{ channel: "C1" }]);
  });

  it("refuses a late upload, an unknown or never uploaded file, and an image block of a file not completed", async () => {
    const late = await call("files.getUploadURLExternal", { filename: "b.png", length: "2" });
    const state = api.files.get(String(late.file_id));
    if (state) state.urlIssuedAt -= UPLOAD_URL_TTL_MS + 1;
    expect((await fetch(String(late.upload_url), { method: "POST", body: "ab" })).status).toBe(404);
    expect(
      await call("files.completeUploadExternal", { files: JSON.stringify([{ id: "F404" }]) }),
    ).toMatchObject({ ok: false, error: "file_not_found" });
    expect(
      await call("files.completeUploadExternal", { files: JSON.stringify([{ id: late.file_id }]) }),
    ).toMatchObject({ ok: false, error: "file_not_found" });
    expect(
      await call("chat.postMessage", {
        channel: "C1",
        blocks: JSON.stringify([{ type: "image", slack_file: { id: late.file_id }, alt_text: "x" }]),
      }),
    ).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(await call("files.getUploadURLExternal", { filename: "c.png" })).toMatchObject({
      ok: false,
      error: "invalid_arguments",
    });
  });
});

describe("the members CSV", () => {
  it("quotes what needs quoting and neutralises every text cell a spreadsheet would run", () => {
    const stats = {
      current: 1,
      best: 2,
      answers: 4,
      correct: 3,
      checkIns: 1,
      mocks: 0,
      reviews: 0,
      progress: {},
      freezes: 0,
      freezeDays: [],
    };
    const csv = membersCsv(
      ["=1+1", "\rCR", "a,b", 'say "hi"', "plain"].map((name) => ({
        name,
        pointsAllTime: 1,
        pointsThisMonth: 1,
        pointsThisWeek: 1,
        stats,
      })),
    );
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(["'=1+1", "'\rCR", "a,b", 'say "hi"', "plain"]);
    expect(rows[0]).toMatchObject({ accuracy_percent: "75.0", last_active_day: "" });
    expect(csv.toString("utf8")).toContain("\r\n");
    expect(neutralised("-5")).toBe("'-5");
    expect(neutralised("@x")).toBe("'@x");
    expect(neutralised("Zoë")).toBe("Zoë");
  });
});

describe("fetching a member's file", () => {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/big") {
        res.writeHead(200, { "content-length": "2000" });
        res.end(Buffer.alloc(2000));
      } else if (req.url === "/chunked") {
        // No stated length: the bytes themselves must be counted.
        res.writeHead(200);
        for (let i = 0; i < 4; i++) res.write(Buffer.alloc(500));
        res.end();
      } else if (req.url === "/small") {
        res.writeHead(200, { "content-type": "text/csv" });
        res.end("a,b\n");
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const code = async (path: string) =>
    downloadFile(`${url}${path}`, { name: "q.csv", maxBytes: 1000 }).then(
      (b) => `ok ${b.length}`,
      (err: unknown) => (err instanceof UserError ? err.code : String(err)),
    );

  it("reads a file within the cap, and refuses one over it (stated or counted) or not found", async () => {
    expect(await code("/small")).toBe("ok 4");
    expect(await code("/big")).toBe("file-too-large");
    expect(await code("/chunked")).toBe("file-too-large");
    expect(await code("/missing")).toBe("file-unreachable");
  });
});

describe("file arguments", () => {
  it("are Discord attachment options, and no typed usage line names them", () => {
    const bank = applicationCommands(commands).find((c) => c.name === "bank");
    expect(bank?.options?.find((o) => o.name === "file")).toMatchObject({ type: 11, required: false });
    const spec = commands.find((c) => c.name === "bank");
    expect(usageArgs(argumentSpecs(spec?.args ?? z.object({})))).not.toContain("file");
  });
});

describe("Slack pictures still processing", () => {
  it("posts again while Slack refuses a just-completed picture in an image block", async () => {
    const api = slackStandIn({ imageReadyAfterMs: 200 });
    await api.start();
    try {
      const counter = { inc: () => undefined };
      const ops = {
        log: pino({ level: "silent" }),
        metrics: { rateLimitWaits: counter, platformErrors: counter, invalidRequests: counter },
        render: (m: Parameters<typeof renderSlack>[0]) => renderSlack(m),
        renderForm: renderModal,
      };
      const client = new WebClient("xoxb-test", {
        slackApiUrl: `${api.url}/api/`,
        retryConfig: { retries: 0 },
      });
      const outbox = new SlackOutbox(client, ops as never);
      const png = file("card.png", 30);
      await outbox.post({ platform: "slack", workspace: "T1", channel: "C1" }, { blocks: [], files: [png] });
      const posts = api.find("POST", /\/api\/chat\.postMessage$/);
      expect(posts.length).toBeGreaterThan(1);
      const last = posts.at(-1);
      expect(JSON.stringify(last?.body)).toContain("slack_file");
      expect([...api.files.values()].map((f) => [f.name, f.shares])).toEqual([["card.png", []]]);
    } finally {
      await api.stop();
    }
  });
});
