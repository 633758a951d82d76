import type {
  Receiver,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
// Bolt's own modules rather than its index, which also loads the Express and AWS Lambda receivers
// (Express and its dependencies) that this bot never uses.
import boltApp from "@slack/bolt/dist/App.js";
import boltHttpReceiver from "@slack/bolt/dist/receivers/HTTPReceiver.js";
import { LogLevel, type Logger as SlackLogger } from "@slack/logger";
import { WebClientEvent } from "@slack/web-api";
import type { Logger } from "pino";
import { shortId } from "../../core/ids.ts";
import { withoutFiles } from "../../core/files.ts";
import type { InboundEvent, Place } from "../../core/model.ts";
import type { PlatformHost, RunningPlatform } from "../../platform/descriptor.ts";
import type { SlackConfig } from "./config.ts";
import {
  blockActionsBody,
  blockSuggestionBody,
  CAPABILITIES,
  type CommandNaming,
  commandStyle,
  formOrigin,
  resolveSlash,
  SLACK,
  slashCommandBody,
  threadOfClick,
  viewSubmissionBody,
  viewFiles,
  viewValues,
} from "./normalize.ts";
import { LIMITS, renderMessage, renderModal, renderOptions, suggestionSource } from "./render.ts";
import { SLACK_EVENTS_PATH, signedRequests } from "./http.ts";
import { SlackMembers } from "./members.ts";
import { slackPacing } from "./rate-tiers.ts";
import { whileImagesProcess, withImages } from "./files.ts";
import { slackCall, type SlackEventInfo, type SlackOps, SlackOutbox, SlackResponder } from "./responder.ts";

/**
 * The class a CommonJS module exports as `default`: node (and the bundle) give the module's exports
 * object as the default import, vitest's transform gives its `default` export itself.
 */
function commonJsDefault<T extends abstract new (...args: never[]) => unknown>(
  imported: { default: T } | T,
): T {
  return typeof imported === "function" ? imported : imported.default;
}

const BoltApp = commonJsDefault(boltApp);
const HTTPReceiver = commonJsDefault(boltHttpReceiver);
type HTTPReceiver = InstanceType<typeof HTTPReceiver>;

/** Omit over each member of a union, keeping it a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Slack closes a modal with an error unless its submission is acked within 3 s. */
const FORM_ACK_MS = 2500;

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/** Bolt logs through pino, like the rest of the bot. */
function boltLogger(log: Logger): SlackLogger {
  let level = LogLevel.WARN;
  return {
    debug: (...msg) => log.debug({ bolt: msg }, "bolt"),
    info: (...msg) => log.info({ bolt: msg }, "bolt"),
    warn: (...msg) => log.warn({ bolt: msg }, "bolt"),
    error: (...msg) => log.error({ bolt: msg }, "bolt"),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function slackApiUrl(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Connects the core to Slack through Bolt, over Socket Mode or HTTP; every Web API call goes to SLACK_API_URL.
 * Loaded only when Slack is configured, and the Socket Mode client only for SLACK_TRANSPORT=socket.
 */
export async function startSlack(host: PlatformHost, config: SlackConfig): Promise<RunningPlatform> {
  const { bot, log } = host;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error("SLACK_BOT_TOKEN is required for Slack");
  const apiUrl = slackApiUrl(config.SLACK_API_URL);
  const slackLog = log.child({ platform: SLACK });
  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  if (config.SLACK_TRANSPORT === "http") {
    if (!config.SLACK_SIGNING_SECRET)
      throw new Error("SLACK_SIGNING_SECRET is required for SLACK_TRANSPORT=http");
    httpReceiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger(slackLog),
      // Checked by signedRequests() in front of the receiver, once, with node:crypto.
      signatureVerification: false,
    });
    receiver = httpReceiver;
  } else {
    if (!config.SLACK_APP_TOKEN) throw new Error("SLACK_APP_TOKEN is required for Socket Mode");
    const { SocketReceiver } = await import("./socket-receiver.ts");
    receiver = new SocketReceiver(config.SLACK_APP_TOKEN, apiUrl, slackLog);
  }
  const bolt = new BoltApp({
    token,
    receiver,
    // Rate limits are waited out; other failures are retried a few times, well within a post's claim.
    clientOptions: {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
    },
    convoStore: false,
    // It filters the bot's own message events; the bot listens to none.
    ignoreSelf: false,
    logger: boltLogger(slackLog),
    deferInitialization: true,
  });
  await bolt.init();
  const client = bolt.client;
  const naming: CommandNaming = {
    prefix: config.SLACK_COMMAND_PREFIX,
    umbrella: config.SLACK_UMBRELLA_COMMAND,
  };
  const commands = commandStyle(naming);
  const ops: SlackOps = {
    log: slackLog,
    metrics: host.metrics,
    render: (message, maxBlocks) => renderMessage(message, maxBlocks, commands),
    renderForm: (form, metadata) => renderModal(form, metadata, commands),
  };
  client.on(WebClientEvent.RATE_LIMITED, (retryAfter: number) => {
    ops.metrics.rateLimitWaits.inc({ platform: SLACK });
    slackLog.warn({ retryAfter }, "slack rate limit");
  });
  const outbox = new SlackOutbox(client, ops, slackPacing(host, token), token);
  host.connect(outbox);
  const members = new SlackMembers(client, ops);
  /**
   * Hands one Slack event to the core: who (by the name Slack shows) and where, how to answer, and
   * what happened. A click goes on at once with the name known or the payload's handle; when Slack
   * turns out to show the member otherwise, the group's records take that name after the event.
   */
  const dispatch = async (
    user: { id: string; name?: string },
    info: Omit<SlackEventInfo, "user">,
    what: DistributiveOmit<InboundEvent, "id" | "actor" | "place" | "capabilities" | "respond">,
  ) => {
    const named =
      what.kind === "button"
        ? members.nameNow(user.id, user.name)
        : { name: await members.name(user.id, user.name) };
    const handled = bot.handle({
      id: shortId(10),
      actor: { id: user.id, name: named.name, resolveOrganizer: members.organizer(user.id) },
      place: info.place,
      capabilities: CAPABILITIES,
      respond: new SlackResponder(client, outbox, { ...info, user: user.id }, ops),
      ...what,
    } as InboundEvent);
    if (named.shown) {
      // After the event: its own record of the name must not land after the correction.
      void Promise.all([named.shown, handled])
        .then(([shown]) =>
          shown && shown !== named.name ? bot.renamed(info.place, user.id, shown) : undefined,
        )
        .catch((err: unknown) => slackLog.warn({ err, user: user.id }, "could not record a member's name"));
    }
    return handled;
  };

  const onCommand = async ({ command, ack }: SlackCommandMiddlewareArgs) => {
    await ack();
    const body = slashCommandBody.safeParse(command);
    if (!body.success) {
      slackLog.warn({ issues: body.error.issues.slice(0, 3) }, "malformed slash command");
      return;
    }
    const c = body.data;
    const resolved = resolveSlash(c.command, c.text, naming);
    const place: Place = { platform: SLACK, workspace: c.team_id, channel: c.channel_id };
    await dispatch(
      { id: c.user_id, name: c.user_name },
      { place, responseUrl: c.response_url, triggerId: c.trigger_id },
      {
        kind: "command",
        command: resolved?.command ?? c.command.replace(/^\//, ""),
        args: { kind: "text", text: resolved?.text ?? c.text },
      },
    );
  };

  const onAction = async ({ body: raw, ack }: SlackActionMiddlewareArgs) => {
    await ack();
    const body = blockActionsBody.safeParse(raw);
    if (!body.success || !body.data.channel) {
      slackLog.warn("ignored an action outside a channel message");
      return;
    }
    const b = body.data;
    const action = b.actions[0];
    const thread = threadOfClick(b);
    const place: Place = {
      platform: SLACK,
      workspace: b.team?.id ?? "",
      channel: b.channel?.id ?? "",
      ...(thread ? { thread } : {}),
    };
    const messageTs = b.message?.ts ?? b.container?.message_ts;
    await dispatch(
      { id: b.user.id, name: b.user.username ?? b.user.name },
      { place, responseUrl: b.response_url, triggerId: b.trigger_id, messageTs },
      {
        kind: "button",
        action: action?.action_id ?? "",
        message: messageTs ? { platform: SLACK, channel: place.channel, id: messageTs } : undefined,
      },
    );
  };

  const onView = async ({ body: raw, ack }: SlackViewMiddlewareArgs) => {
    // The ack closes the modal: it waits for the core, so a mistake can keep the form open with the
    // member's text and an error under the field. A slow handler is acked in time all the same.
    let acked = false;
    const ackOnce = async (errors?: Record<string, string>) => {
      if (acked) return false;
      acked = true;
      await (errors ? ack({ response_action: "errors", errors }) : ack());
      return true;
    };
    const deadline = setTimeout(() => void ackOnce(), FORM_ACK_MS);
    try {
      const body = viewSubmissionBody.safeParse(raw);
      if (!body.success) {
        slackLog.warn({ issues: body.error.issues.slice(0, 3) }, "malformed view submission");
        return;
      }
      const b = body.data;
      const origin = formOrigin.safeParse(parseJson(b.view.private_metadata));
      if (!origin.success) {
        slackLog.warn({ callback: b.view.callback_id }, "form submission without its origin");
        return;
      }
      const { team, channel, thread, responseUrl } = origin.data;
      const place: Place = { platform: SLACK, workspace: team, channel, ...(thread ? { thread } : {}) };
      await dispatch(
        { id: b.user.id, name: b.user.username ?? b.user.name },
        { place, responseUrl, rejectForm: (errors) => ackOnce(errors) },
        {
          kind: "form",
          action: b.view.callback_id,
          values: viewValues(b.view),
          files: Object.fromEntries(
            Object.entries(viewFiles(b.view)).map(([field, list]) => [
              field,
              list.map((f) => outbox.files.inbound(f)),
            ]),
          ),
        },
      );
    } finally {
      clearTimeout(deadline);
      await ackOnce();
    }
  };

  // A search field's options, asked for as the member types (over HTTP and Socket Mode alike).
  const onOptions = async ({ body: raw, ack }: SlackOptionsMiddlewareArgs<"block_suggestion">) => {
    const body = blockSuggestionBody.safeParse(raw);
    const source = body.success ? suggestionSource(body.data.action_id) : undefined;
    if (!body.success || !source) {
      slackLog.warn("ignored an options request for a select the bot did not make");
      await ack({ options: [] });
      return;
    }
    const b = body.data;
    const origin = formOrigin.safeParse(parseJson(b.view?.private_metadata));
    const team = origin.success ? origin.data.team : (b.team?.id ?? "");
    const place: Place = {
      platform: SLACK,
      workspace: team,
      channel: origin.success ? origin.data.channel : "",
    };
    const choices = await bot.autocomplete({
      actor: { id: b.user.id, name: b.user.username ?? b.user.name ?? b.user.id },
      place,
      ...source,
      partial: b.value,
    });
    await ack(renderOptions(choices, commands));
  };

  const onHomeOpened = async ({ event, body }: SlackEventMiddlewareArgs) => {
    if (event.type !== "app_home_opened" || event.tab !== "home") return;
    const team = (body as { team_id?: string }).team_id ?? "";
    const message = await bot.home(SLACK, team, event.user);
    // The Home tab shows pictures (image blocks of private files); other files show their fallback.
    const { images, others } = await outbox.files.pictures(message.files);
    const home = ops.render(withoutFiles({ ...message, files: others }), LIMITS.homeBlocks);
    const blocks = withImages(home.blocks, images);
    await whileImagesProcess(images, () =>
      slackCall(ops, "views.publish", () =>
        client.views.publish({ user_id: event.user, view: { type: "home", blocks } }),
      ),
    );
  };

  // One global middleware hands each body to its handler, where five listeners (command, action,
  // view, options, event) would each run their own filter chain for every body Bolt takes in: four
  // chains that end in "not mine" cost a click about as much as the rest of Bolt's work on it.
  // Bolt's reading of the body still decides: it gives commands `command`, actions `action`, and so on.
  bolt.use(async (args) => {
    if ("command" in args) return onCommand(args);
    if ("action" in args) return onAction(args);
    if ("view" in args) return onView(args);
    if ("options" in args)
      return args.body.type === "block_suggestion"
        ? onOptions(args as SlackOptionsMiddlewareArgs<"block_suggestion">)
        : undefined;
    if ("event" in args) return onHomeOpened(args);
  });

  bolt.error(async (err) => {
    slackLog.error({ err }, "slack listener failed");
  });

  if (httpReceiver) {
    const secret = config.SLACK_SIGNING_SECRET ?? "";
    host.route("POST", SLACK_EVENTS_PATH, signedRequests(secret, httpReceiver.requestListener, slackLog));
    return { stop: async () => {} };
  }
  await receiver.start();
  return { stop: async () => void (await receiver.stop()) };
}
