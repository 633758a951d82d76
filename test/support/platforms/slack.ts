import pino from "pino";
import { CAPABILITIES } from "../../../src/adapters/slack/normalize.ts";
import { readConfig } from "../../../src/config.ts";
import { shortId } from "../../../src/core/ids.ts";
import { startBot } from "../../../src/start.ts";
import { param2, type SlackApi, slackHeaders, slackStandIn, triggerId } from "../../../testkit/slack-api.ts";
import type { Recorded } from "../../../testkit/stand-in.ts";
import { realContent } from "../harness.ts";
import {
  aroundStandIn,
  type DriverFactory,
  type Member,
  membersWithIds,
  type PlatformDriver,
  settle,
  type Shown,
  type ShownFile,
  textsOf,
} from "./driver.ts";

const SECRET = "contract-signing-secret";
const TEAM = "T9";
const CHANNEL = "C900";
const FORM = "application/x-www-form-urlencoded";

interface View {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string }[];
}

/** The mrkdwn texts of Block Kit: where Slack turns <!channel>, <!here> and <@U…> into notifications. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (!value || typeof value !== "object") return [];
  const v = value as Record<string, unknown>;
  const own = v.type === "mrkdwn" && typeof v.text === "string" ? [v.text] : [];
  return [...own, ...Object.values(v).flatMap(mrkdwnTexts)];
}

const SLACK_MENTION = /<!(channel|here|everyone)(\|[^>]*)?>|<@[UW][A-Z0-9]+(\|[^>]*)?>/;

function shown(blocks: unknown, fallback: unknown, audience: Shown["audience"], kind: Shown["kind"]): Shown {
  const texts = textsOf(blocks, ["text"]);
  const text = (texts.length > 0 ? texts : [String(fallback ?? "")]).join("\n");
  // The notification text is mrkdwn too.
  const pings = [...mrkdwnTexts(blocks), String(fallback ?? "")].some((t) => SLACK_MENTION.test(t));
  return { audience, kind, text, actions: textsOf(blocks, ["action_id"]), fields: [], pings };
}

/** A file the stand-in holds, as it arrived. */
function fileOf(api: SlackApi, id: string, shownInline: boolean): ShownFile | undefined {
  const file = api.files.get(id);
  if (!file?.bytes) return undefined;
  return {
    name: file.name,
    contentType: file.contentType ?? "",
    bytes: file.bytes.length,
    data: file.bytes,
    shownInline,
  };
}

/** The pictures a message shows: its image blocks' slack_file ids, as the stand-in holds them. */
function withPictures(api: SlackApi, seen: Shown | undefined, blocks: unknown): Shown | undefined {
  if (!seen || !Array.isArray(blocks)) return seen;
  const ids = (blocks as { type?: string; slack_file?: { id?: string } }[])
    .filter((b) => b.type === "image" && b.slack_file?.id)
    .map((b) => b.slack_file?.id ?? "");
  const files = ids.map((id) => fileOf(api, id, true)).filter((f): f is ShownFile => f !== undefined);
  return files.length > 0 ? { ...seen, files } : seen;
}

/**
 * What a call the bot made shows: a message with its pictures, or files shared by
 * files.completeUploadExternal (in the channel, or in a direct message: the member alone).
 */
function shownWithFiles(api: SlackApi) {
  return (r: Recorded): Shown | undefined => {
    if (r.path === "/api/files.completeUploadExternal") {
      const channel = param2(r, "channel_id");
      if (typeof channel !== "string") return undefined;
      const list = (param2(r, "files") ?? []) as { id: string }[];
      const files = list.map((f) => fileOf(api, f.id, false)).filter((f): f is ShownFile => f !== undefined);
      return {
        audience: channel.startsWith("D") ? "direct" : "channel",
        kind: "message",
        text: files.map((f) => f.name).join("\n"),
        actions: [],
        fields: [],
        pings: false,
        files,
      };
    }
    const blocks = r.path.startsWith("/response/")
      ? (r.body as { blocks?: unknown }).blocks
      : r.path.startsWith("/api/chat.")
        ? param2(r, "blocks")
        : undefined;
    return withPictures(api, shownByCall(r), blocks);
  };
}

/** What a Web API or response_url call the bot made shows, or undefined for calls members do not see. */
function shownByCall(r: Recorded): Shown | undefined {
  if (r.path.startsWith("/response/")) {
    const body = r.body as {
      response_type?: string;
      replace_original?: boolean;
      blocks?: unknown;
      text?: string;
    };
    if (body.replace_original) return shown(body.blocks, body.text, "channel", "update");
    return shown(
      body.blocks,
      body.text,
      body.response_type === "in_channel" ? "channel" : "member",
      "message",
    );
  }
  const blocks = param2(r, "blocks");
  const text = param2(r, "text");
  if (r.path === "/api/chat.postMessage")
    return shown(
      blocks,
      text,
      String(param2(r, "channel")).startsWith("D") ? "direct" : "channel",
      "message",
    );
  if (r.path === "/api/chat.postEphemeral") return shown(blocks, text, "member", "message");
  if (r.path === "/api/chat.update")
    return shown(blocks, text, String(param2(r, "channel")).startsWith("D") ? "direct" : "channel", "update");
  if (r.path === "/api/views.open") {
    const view = param2(r, "view") as View;
    return {
      audience: "member",
      kind: "form",
      text: textsOf(view, ["text"]).join("\n"),
      actions: [view.callback_id],
      fields: view.blocks.map((b) => b.block_id ?? ""),
    };
  }
  return undefined;
}

export const slackDriver: DriverFactory = {
  name: "slack",
  async start({ redisUrl, clock, commands }) {
    const api = slackStandIn();
    await api.start();
    const members = membersWithIds("UALICE", "UBOB", "UCAROL", "UADMIN");
    // Events carry the handle; the bot shows the name users.info gives: display name, else real name.
    api.users.set(members.alice.id, { name: "alice", displayName: "Alice", realName: "Alice Liddell" });
    api.users.set(members.bob.id, { name: "bob", realName: "Bob" });
    api.users.set(members.carol.id, { name: "carol", displayName: "Carol" });
    api.users.set(members.admin.id, { name: "ada", displayName: "Ada", isAdmin: true });
    const config = readConfig({
      SLACK_BOT_TOKEN: "xoxb-contract-token",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_TRANSPORT: "http",
      SLACK_API_URL: `${api.url}/api/`,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `sc${shortId(8)}`,
      PORT: "0",
    });
    const bot = await startBot(config, pino({ level: "silent" }), {
      clock,
      content: realContent(),
      commands,
    });
    const url = `http://127.0.0.1:${bot.port}/slack/events`;
    /** The forms the bot opened, by callback id: a submission carries the opener's metadata back. */
    const views = new Map<string, View>();
    const { readBack, sentOnItsOwn, stop } = aroundStandIn(bot, api, (call) => {
      if (call.path === "/api/views.open") {
        const view = param2(call, "view") as View;
        views.set(view.callback_id, view);
      }
      return shownWithFiles(api)(call);
    });
    const handle = (m: Member) => m.name.toLowerCase();
    const user = (m: Member) => ({ id: m.id, username: handle(m), name: handle(m), team_id: TEAM });
    /** A click on a button of the bot's message `ts` in a channel (or a member's direct messages). */
    const buttonClick = (m: Member, action: string, channel: string, channelName: string, ts: string) =>
      payload({
        type: "block_actions",
        user: user(m),
        api_app_id: "A1",
        token: "legacy",
        container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: false },
        trigger_id: triggerId(),
        team: { id: TEAM, domain: "t" },
        channel: { id: channel, name: channelName },
        message: { type: "message", ts, text: "", user: "UBOT" },
        response_url: responseUrl(),
        actions: [
          {
            action_id: action,
            block_id: "b1",
            text: { type: "plain_text", text: "x" },
            value: action,
            type: "button",
            action_ts: "1",
          },
        ],
      });
    const send = async (body: string): Promise<Shown[]> => {
      const res = await fetch(url, { method: "POST", body, headers: slackHeaders(SECRET, body, FORM) });
      const text = await res.text();
      await settle(bot);
      const answer: Shown[] = [];
      if (text.startsWith("{")) {
        const ack = JSON.parse(text) as { response_action?: string; errors?: Record<string, string> };
        if (ack.response_action === "errors") {
          const problems = Object.entries(ack.errors ?? {}).map(([field, problem]) => `${field}: ${problem}`);
          answer.push({
            audience: "member",
            kind: "message",
            text: problems.join("\n"),
            actions: [],
            fields: [],
          });
        }
      }
      return [...answer, ...readBack()];
    };
    const responseUrl = () => api.responseUrl();
    const payload = (value: unknown) => new URLSearchParams({ payload: JSON.stringify(value) }).toString();
    const driver: PlatformDriver = {
      name: "slack",
      capabilities: CAPABILITIES,
      bot,
      group: `slack:${TEAM}:${CHANNEL}`,
      members,
      command: (m, name, args = {}) =>
        send(
          new URLSearchParams({
            token: "legacy",
            team_id: TEAM,
            team_domain: "t",
            channel_id: CHANNEL,
            channel_name: "study",
            user_id: m.id,
            user_name: handle(m),
            command: `/${name}`,
            text: Object.entries(args)
              .map(([k, v]) => `${k}=${v}`)
              .join(" "),
            api_app_id: "A1",
            is_enterprise_install: "false",
            response_url: responseUrl(),
            trigger_id: triggerId(),
          }).toString(),
        ),
      clickDirect: (m, action) =>
        send(buttonClick(m, action, `D${m.id.slice(1)}`, "directmessage", "1700000002.000100")),
      closeDirectMessages: (m) => api.deactivated.add(m.id),
      click: (m, action) => send(buttonClick(m, action, CHANNEL, "study", "1700000001.000100")),
      submit: (m, action, values, files = {}) => {
        const view = views.get(action);
        // A file_input's value lists the files the member uploaded in the modal.
        const fileInputs = Object.fromEntries(
          Object.entries(files).map(([f, file]) => [
            f,
            { [f]: { type: "file_input", files: [api.memberFile(file.name, file.data, file.contentType)] } },
          ]),
        );
        return send(
          payload({
            type: "view_submission",
            team: { id: TEAM, domain: "t" },
            user: user(m),
            api_app_id: "A1",
            token: "legacy",
            trigger_id: triggerId(),
            view: {
              id: "V1",
              type: "modal",
              callback_id: action,
              // A form the bot never opened has no metadata of its own: it comes from this channel.
              private_metadata:
                view?.private_metadata ??
                JSON.stringify({ team: TEAM, channel: CHANNEL, responseUrl: responseUrl() }),
              state: {
                values: {
                  ...Object.fromEntries(
                    Object.entries(values).map(([f, v]) => [
                      f,
                      { [f]: { type: "plain_text_input", value: v } },
                    ]),
                  ),
                  ...fileInputs,
                },
              },
            },
          }),
        );
      },
      sentOnItsOwn,
      stop,
    };
    return driver;
  },
};
