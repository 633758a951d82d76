import { Agent, request } from "undici";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../../core/errors.ts";
import type { DirectTarget, Form, Message, MessageRef, Outbox, Place, Responder } from "../../core/model.ts";
import { type FormOrigin, SLACK } from "./normalize.ts";
import type { SlackPacing } from "./rate-tiers.ts";
import { slackCall, type SlackOps } from "./slack-call.ts";
import { SlackFiles, whileImagesProcess, withImages } from "./files.ts";

export { slackCall, type SlackOps } from "./slack-call.ts";

/**
 * response_url posts are retried on 429 after the Retry-After Slack asks for (when it is at most
 * RESPONSE_URL_MAX_WAIT_MS), and on 5xx and dropped connections with backoff, 0.25 s to 4 s apart. What
 * is still refused goes by chat.postEphemeral instead: the URL stays valid for 30 minutes, but a member
 * should not wait on it longer than this.
 */
const RESPONSE_URL_RETRIES = 3;
const RESPONSE_URL_MAX_WAIT_MS = 30_000;
const RETRIED = new Set([429, 500, 502, 503, 504]);
const responseUrlAgent = new Agent({ headersTimeout: 5000, bodyTimeout: 5000 });

class ResponseUrlRefused extends Error {
  constructor(
    readonly statusCode: number | undefined,
    message: string,
    /** How long Slack asked to wait before the next try, for a 429. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
}

async function postOnce(url: string, body: string): Promise<void> {
  let res;
  try {
    res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      dispatcher: responseUrlAgent,
    });
  } catch (err) {
    throw Object.assign(new ResponseUrlRefused(undefined, `response_url unreachable: ${String(err)}`), {
      cause: err,
    });
  }
  const text = await res.body.text();
  if (res.statusCode >= 400)
    throw new ResponseUrlRefused(
      res.statusCode,
      `response_url answered ${res.statusCode}: ${text.slice(0, 100)}`,
      res.statusCode === 429 ? retryAfterMs(res.headers["retry-after"]) : undefined,
    );
}

/**
 * A private reply through the event's response_url (no token, no channel membership needed). This is
 * what Bolt's respond() does; undici's request is much lighter than fetch on the quiz-answer path.
 */
async function postToResponseUrl(url: string, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    try {
      await postOnce(url, text);
      return;
    } catch (err) {
      const refused = err as ResponseUrlRefused;
      const retried = refused.statusCode === undefined || RETRIED.has(refused.statusCode);
      if (!retried || attempt >= RESPONSE_URL_RETRIES) throw err;
      const wait = refused.retryAfterMs ?? Math.min(250 * 2 ** attempt, 4000);
      if (wait > RESPONSE_URL_MAX_WAIT_MS) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Posts and edits outside of an event: chat.postMessage and chat.update. A message's pictures are
 * uploaded privately and shown in image blocks; its other files are shared in the same channel or
 * thread just after it.
 */
export class SlackOutbox implements Outbox {
  readonly files: SlackFiles;

  constructor(
    private readonly client: WebClient,
    private readonly ops: SlackOps,
    private readonly pacing?: SlackPacing,
    token?: string,
  ) {
    this.files = new SlackFiles(client, ops, token);
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const { images, others } = await this.files.pictures(message.files);
    const rendered = this.ops.render(message);
    const blocks = withImages(rendered.blocks, images);
    await this.pacing?.beforePost(place.channel);
    const sent = await whileImagesProcess(images, () =>
      slackCall(this.ops, "chat.postMessage", () =>
        this.client.chat.postMessage({
          channel: place.channel,
          thread_ts: place.thread,
          ...rendered,
          blocks,
        }),
      ),
    );
    await this.files.share(others, { channel: place.channel, thread: place.thread });
    return {
      platform: SLACK,
      channel: sent.channel ?? place.channel,
      id: sent.ts ?? "",
      ...(place.thread ? { thread: place.thread } : {}),
    };
  }

  /** A direct message: conversations.open gives the member's DM channel (im:write), then chat.postMessage. */
  async sendDirect(to: DirectTarget, message: Message): Promise<MessageRef> {
    const opened = await slackCall(
      this.ops,
      "conversations.open",
      () => this.client.conversations.open({ users: to.memberId }),
      "direct",
    );
    const channel = opened.channel?.id;
    if (!channel) throw new Error("conversations.open gave no channel");
    const rendered = this.ops.render(message);
    await this.pacing?.beforePost(channel);
    const sent = await slackCall(
      this.ops,
      "chat.postMessage",
      () => this.client.chat.postMessage({ channel, ...rendered }),
      "direct",
    );
    return { platform: SLACK, channel, id: sent.ts ?? "" };
  }

  /** An ephemeral message to one member of a channel (chat.postEphemeral: the bot must be in it). */
  async postPrivately(place: Place, memberId: string, message: Message): Promise<void> {
    await slackCall(this.ops, "chat.postEphemeral", () =>
      this.client.chat.postEphemeral({ channel: place.channel, user: memberId, ...this.ops.render(message) }),
    );
  }

  async edit(ref: MessageRef, message: Message): Promise<void> {
    await this.pacing?.beforeUpdate();
    await slackCall(this.ops, "chat.update", () =>
      this.client.chat.update({ channel: ref.channel, ts: ref.id, ...this.ops.render(message) }),
    );
  }
}

export interface SlackEventInfo {
  place: Place;
  user: string;
  /** Where private replies go: Slack's response_url for this event. */
  responseUrl?: string;
  triggerId?: string;
  /** The message a clicked button is on. */
  messageTs?: string;
  /** For a form submission not yet acked: show errors in the form instead of closing it. */
  rejectForm?: (errors: Record<string, string>) => Promise<boolean>;
}

/** Replies to one Slack event: public posts by chat.postMessage, private ones through response_url. */
export class SlackResponder implements Responder {
  constructor(
    private readonly client: WebClient,
    private readonly outbox: SlackOutbox,
    private readonly info: SlackEventInfo,
    private readonly ops: SlackOps,
  ) {}

  reply(message: Message): Promise<MessageRef> {
    return this.outbox.post(this.info.place, message);
  }

  /**
   * Ephemeral messages cannot carry files: pictures are shown in image blocks of privately uploaded
   * files, and other files go to the member's direct messages with the bot, which the reply says.
   */
  async replyPrivately(original: Message): Promise<void> {
    const { images, others } = await this.outbox.files.pictures(original.files);
    await this.outbox.files.shareWithMember(others, this.info.user);
    const message: Message =
      others.length === 0
        ? original
        : {
            ...original,
            blocks: [
              ...original.blocks,
              {
                type: "context",
                text: `I sent you ${others.map((f) => `\`${f.name}\``).join(", ")} in our direct messages.`,
              },
            ],
          };
    const plain = this.ops.render(message);
    const rendered = { ...plain, blocks: withImages(plain.blocks, images) };
    const responseUrl = this.info.responseUrl;
    if (responseUrl) {
      try {
        await whileImagesProcess(images, () =>
          postToResponseUrl(responseUrl, {
            response_type: "ephemeral",
            replace_original: false,
            ...rendered,
          }),
        );
        return;
      } catch (err) {
        // Still answered, through the Web API: chat.postEphemeral needs the bot in the channel.
        const status = (err as { statusCode?: number }).statusCode;
        this.ops.metrics.platformErrors.inc({ platform: SLACK, code: `response_url_${status ?? "failed"}` });
        this.ops.log.warn({ err }, "response_url post failed; sending the reply with chat.postEphemeral");
      }
    }
    await whileImagesProcess(images, () =>
      slackCall(this.ops, "chat.postEphemeral", () =>
        this.client.chat.postEphemeral({
          channel: this.info.place.channel,
          user: this.info.user,
          thread_ts: this.info.place.thread,
          ...rendered,
        }),
      ),
    );
  }

  async update(message: Message): Promise<void> {
    if (!this.info.messageTs) {
      await this.reply(message);
      return;
    }
    await this.outbox.edit(
      { platform: SLACK, channel: this.info.place.channel, id: this.info.messageTs },
      message,
    );
  }

  async openForm(form: Form): Promise<void> {
    const triggerId = this.info.triggerId;
    if (!triggerId) throw new UserError("forms-unavailable", "I can't open a form from here.");
    const { workspace, channel, thread } = this.info.place;
    const origin: FormOrigin = {
      team: workspace,
      channel,
      ...(thread ? { thread } : {}),
      ...(this.info.responseUrl ? { responseUrl: this.info.responseUrl } : {}),
    };
    const metadata = JSON.stringify(origin);
    await slackCall(this.ops, "views.open", () =>
      this.client.views.open({ trigger_id: triggerId, view: this.ops.renderForm(form, metadata) }),
    );
  }

  async rejectForm(fields: Record<string, string>): Promise<boolean> {
    return (await this.info.rejectForm?.(fields)) ?? false;
  }

  postInThread(parent: MessageRef, message: Message): Promise<MessageRef> {
    return this.outbox.post({ ...this.info.place, channel: parent.channel, thread: parent.id }, message);
  }
}
