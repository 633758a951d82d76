import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inject } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { readConfig } from "../src/config.ts";
import { shortId } from "../src/core/ids.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { realContent } from "./support/harness.ts";
import { param2, type SlackApi, slackStandIn } from "../testkit/slack-api.ts";
import type { StandIn } from "../testkit/stand-in.ts";

/**
 * Socket Mode end to end: apps.connections.open on the Web API stand-in hands out the URL of a local
 * WebSocket server standing in for Slack's, which says hello and sends envelopes the way Slack does.
 */
let api: StandIn;
let sockets: WebSocketServer;
let bot: RunningBot;
let socket: WebSocket | undefined;
const acks: { envelope_id: string; payload?: unknown }[] = [];
let connect: (ws: WebSocket) => void = () => {};
const connected = new Promise<WebSocket>((resolve) => {
  connect = resolve;
});

beforeAll(async () => {
  sockets = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((r) => sockets.once("listening", r));
  sockets.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data) => acks.push(JSON.parse(String(data))));
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: "A1" },
        debug_info: { host: "local" },
      }),
    );
    connect(ws);
  });
  const wsUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`;
  api = slackStandIn();
  api.on((req) =>
    req.path === "/api/apps.connections.open" ? { status: 200, body: { ok: true, url: wsUrl } } : undefined,
  );
  await api.start();
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_APP_TOKEN: "xapp-test-token",
    SLACK_TRANSPORT: "socket",
    SLACK_API_URL: `${api.url}/api/`,
    REDIS_URL: inject("redisUrl"),
    REDIS_PREFIX: `ws${shortId(6)}`,
    PORT: "0",
  });
  bot = await startBot(config, pino({ level: "silent" }), { content: realContent() });
});

afterAll(async () => {
  await bot?.stop();
  sockets?.close();
  await api?.stop();
});

/** A slash command as Slack sends it over Socket Mode, in channel C9 of team T1. */
function slashEnvelope(
  envelopeId: string,
  c: { command: string; text: string; user: [string, string]; responseUrl: string; trigger: string },
): string {
  return JSON.stringify({
    envelope_id: envelopeId,
    type: "slash_commands",
    accepts_response_payload: true,
    payload: {
      token: "legacy",
      team_id: "T1",
      channel_id: "C9",
      user_id: c.user[0],
      user_name: c.user[1],
      command: c.command,
      text: c.text,
      response_url: c.responseUrl,
      trigger_id: c.trigger,
    },
  });
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it("opens the connection through SLACK_API_URL with the app token and acks a slash command envelope", async () => {
  const ws = await connected;
  const [open] = api.find("POST", /\/api\/apps\.connections\.open$/);
  expect(open?.headers.authorization).toBe("Bearer xapp-test-token");
  const responseUrl = `${api.url}/response/socket-1`;
  ws.send(
    slashEnvelope("env-1", {
      command: "/daily",
      text: "",
      user: ["UALICE", "alice"],
      responseUrl: responseUrl,
      trigger: "1.2.3",
    }),
  );
  const ack = await until(() => acks.find((a) => a.envelope_id === "env-1"), "the ack");
  expect(ack.envelope_id).toBe("env-1");
  const [post] = await api.waitFor("POST", /\/api\/chat\.postMessage$/);
  expect(param2(post, "channel")).toBe("C9");
  expect(param2(post, "text")).toContain("Day 1 of 30");
  expect(socket).toBe(ws);
});

it("acks an interactive envelope and answers privately through response_url", async () => {
  const ws = await connected;
  ws.send(
    JSON.stringify({
      envelope_id: "env-2",
      type: "interactive",
      accepts_response_payload: false,
      payload: {
        type: "block_actions",
        user: { id: "UBOB", username: "bob" },
        team: { id: "T1" },
        channel: { id: "C9" },
        message: { ts: "1.1" },
        response_url: `${api.url}/response/socket-2`,
        actions: [{ action_id: "daily.done:node-30-day:1", value: "daily.done:node-30-day:1" }],
      },
    }),
  );
  await until(() => acks.find((a) => a.envelope_id === "env-2"), "the ack");
  const [reply] = await api.waitFor("POST", /^\/response\/socket-2$/);
  expect(JSON.stringify(reply?.body)).toContain("Checked in for day 1: +5 points");
});

it("answers the setup form's time-zone search over Socket Mode in the envelope's ack", async () => {
  const ws = await connected;
  ws.send(
    JSON.stringify({
      envelope_id: "env-3",
      type: "interactive",
      accepts_response_payload: true,
      payload: {
        type: "block_suggestion",
        user: { id: "UOLGA", username: "olga", name: "olga", team_id: "T1" },
        team: { id: "T1", domain: "t" },
        api_app_id: "A1",
        token: "legacy",
        action_id: "suggest:studygroup:timezone",
        block_id: "timezone",
        value: "berl",
        view: {
          id: "V1",
          type: "modal",
          callback_id: "studygroup.setup",
          private_metadata: JSON.stringify({ team: "T1", channel: "C9" }),
        },
      },
    }),
  );
  const ack = await until(() => acks.find((a) => a.envelope_id === "env-3"), "the ack");
  const options = (ack.payload as { options?: { value: string }[] } | undefined)?.options ?? [];
  expect(options.map((o) => o.value)).toContain("Europe/Berlin");
});

it("sends a private file over Socket Mode through the same upload flow: the CSV export to the member's DM", async () => {
  const ws = await connected;
  ws.send(
    slashEnvelope("env-export", {
      command: "/studygroup",
      text: "export",
      user: ["UALICE", "alice"],
      responseUrl: `${api.url}/response/socket-export`,
      trigger: "1.2.4",
    }),
  );
  await until(() => acks.find((a) => a.envelope_id === "env-export"), "the ack");
  const [reply] = await api.waitFor("POST", /^\/response\/socket-export$/);
  expect(JSON.stringify(reply?.body)).toContain("in our direct messages");
  const [started] = api.find("POST", /\/api\/files\.getUploadURLExternal$/);
  expect(param2(started, "filename")).toMatch(/^studygroup-members-.*\.csv$/);
  const [completed] = api.find("POST", /\/api\/files\.completeUploadExternal$/);
  expect(param2(completed, "channel_id")).toBe("DALICE");
  const [file] = [...(api as SlackApi).files.values()].filter((f) => f.name.endsWith(".csv"));
  expect(file?.shares).toEqual([{ channel: "DALICE" }]);
  expect(file?.bytes?.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
});

it("shows the /progress card over Socket Mode: a private picture, uploaded and then placed in an image block", async () => {
  const ws = await connected;
  ws.send(
    slashEnvelope("env-progress", {
      command: "/progress",
      text: "",
      user: ["UBOB", "bob"],
      responseUrl: `${api.url}/response/socket-progress`,
      trigger: "1.2.5",
    }),
  );
  await until(() => acks.find((a) => a.envelope_id === "env-progress"), "the ack");
  const [reply] = await api.waitFor("POST", /^\/response\/socket-progress$/);
  const body = reply?.body as {
    response_type?: string;
    blocks?: { type: string; slack_file?: { id: string } }[];
  };
  expect(body.response_type).toBe("ephemeral");
  expect(JSON.stringify(body.blocks)).toContain("Your progress");
  const image = body.blocks?.find((b) => b.type === "image");
  const picture = (api as SlackApi).files.get(image?.slack_file?.id ?? "");
  expect(picture?.completed).toBe(true);
  // Private: completed without sharing anywhere, shown only in the member's own reply.
  expect(picture?.shares).toEqual([]);
  expect(picture?.bytes?.subarray(1, 4).toString()).toBe("PNG");
});
