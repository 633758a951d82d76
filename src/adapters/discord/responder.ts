import type { RawFile, REST } from "@discordjs/rest";
import {
  type APIInteractionResponse,
  type APIMessage,
  InteractionResponseType,
  MessageFlags,
  Routes,
} from "discord-api-types/v10";
import type { Logger } from "pino";
import { writeCommands } from "../../core/command-token.ts";
import { UserError } from "../../core/errors.ts";
import type { FirstReply, Form, Message, MessageRef, ReplyOptions, Responder } from "../../core/model.ts";
import { discordCall } from "./errors.ts";
import { withFiles } from "./files.ts";
import { DISCORD, InteractionType } from "./normalize.ts";
import { ORIGINAL } from "./outbox.ts";
import { renderEdit, renderMessage, renderModal } from "./render.ts";
import { tokenExpiresAt, WEBHOOK_RETRY_MS, webhookCall } from "./webhook.ts";

/**
 * Delivers the interaction's one initial response: in the HTTP response, or by REST from the gateway.
 * Only the REST callback takes files (multipart/form-data); an HTTP response must be JSON
 * (discord-api-docs discussion #6204), so where `takesFiles` is not set a first reply with files
 * defers and then edits the deferred response with them.
 */
export interface InitialSink {
  (response: APIInteractionResponse, files?: RawFile[]): Promise<void>;
  takesFiles?: boolean;
}

export interface InteractionInfo {
  /** The interaction's id: a snowflake, which tells when its token runs out. */
  id: string;
  applicationId: string;
  token: string;
  type: number;
  /** The channel (or thread) the interaction happened in. */
  channel: string;
}

/** Discord wants an answer within 3 s; past this, the responder defers and follows up later. */
export const DEFER_AFTER_MS = 2000;

/** What briefly replaces a deferral whose answer goes to another audience, before it is removed. */
const MOVED = { private: "Answered privately.", public: "Answered below." } as const;

/**
 * Answers one interaction. The first reply uses the interaction's initial response; later ones are
 * follow-ups through the interaction webhook. When the handler is slow, the responder defers in time,
 * privately when the handler said its first reply is private, and the first reply then edits the
 * deferred response.
 */
export class InteractionResponder implements Responder {
  private state: "pending" | "deferred" | "done" = "pending";
  private expected: FirstReply;
  private deferredPrivately = false;
  private deferred?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rest: REST,
    private readonly info: InteractionInfo,
    private readonly initial: InitialSink,
    private readonly log: Logger,
    deferAfterMs = DEFER_AFTER_MS,
    private readonly retryWaits: readonly number[] = WEBHOOK_RETRY_MS,
  ) {
    this.expected = info.type === InteractionType.Command ? "public" : "private";
    this.timer = setTimeout(() => this.defer(), deferAfterMs);
    this.timer.unref();
  }

  expectFirstReply(kind: FirstReply): void {
    this.expected = kind;
  }

  private get isComponent(): boolean {
    return this.info.type === InteractionType.Component;
  }

  private ref(id: string): MessageRef {
    const expiresAt = tokenExpiresAt(this.info.id);
    return {
      platform: DISCORD,
      channel: this.info.channel,
      id,
      extra: {
        applicationId: this.info.applicationId,
        token: this.info.token,
        ...(expiresAt === undefined ? {} : { expiresAt: String(expiresAt) }),
      },
    };
  }

  /** Claims the initial response if nobody has used it yet. */
  private claim(): boolean {
    if (this.state !== "pending") return false;
    this.state = "done";
    clearTimeout(this.timer);
    return true;
  }

  /**
   * A button's deferral updates its message later and shows nothing; a command's or a form's shows
   * "thinking" to whom the first reply is for: a follow-up straight after it edits it, keeping its
   * visibility whatever the follow-up's flags say (Discord's Create Followup Message).
   */
  private defer(): void {
    if (this.state !== "pending") return;
    this.state = "deferred";
    this.deferredPrivately = !this.isComponent && this.expected !== "public" && this.expected !== "update";
    const response: APIInteractionResponse = this.isComponent
      ? { type: InteractionResponseType.DeferredMessageUpdate }
      : {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          ...(this.deferredPrivately ? { data: { flags: MessageFlags.Ephemeral } } : {}),
        };
    this.deferred = this.initial(response).catch((err: unknown) => {
      this.log.warn({ err }, "could not defer the interaction");
    });
  }

  /** Webhook calls must wait until Discord has the deferral, or @original does not exist yet. */
  private async afterDeferral(): Promise<void> {
    await this.deferred;
  }

  private webhook<T>(call: () => Promise<T>): Promise<T> {
    return webhookCall(call, this.retryWaits);
  }

  private original(): `/webhooks/${string}/${string}/messages/@original` {
    return Routes.webhookMessage(
      this.info.applicationId,
      this.info.token,
      ORIGINAL,
    ) as `/webhooks/${string}/${string}/messages/@original`;
  }

  private async editOriginal(body: object, files?: RawFile[]): Promise<APIMessage | undefined> {
    return (await this.webhook(() =>
      this.rest.patch(this.original(), { body, auth: false, ...(files ? { files } : {}) }),
    )) as APIMessage | undefined;
  }

  private async deleteOriginal(): Promise<void> {
    await this.webhook(() => this.rest.delete(this.original(), { auth: false })).catch((err: unknown) =>
      this.log.warn({ err }, "could not remove the deferred response"),
    );
  }

  private async followUp(message: Message, ephemeral: boolean): Promise<MessageRef> {
    await this.afterDeferral();
    const { body, files } = withFiles(message, {
      ...renderMessage(message),
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
    const sent = (await this.webhook(() =>
      this.rest.post(Routes.webhook(this.info.applicationId, this.info.token), {
        body,
        auth: false,
        ...(files ? { files } : {}),
      }),
    )) as APIMessage;
    return this.ref(sent.id);
  }

  /** After a command or form was deferred, its first reply takes the place of the deferred response. */
  private takeDeferral(): boolean {
    if (this.state !== "deferred" || this.isComponent) return false;
    this.state = "done";
    return true;
  }

  /**
   * Answers a deferral for the other audience than it shows to. A follow-up straight after a
   * deferral would only edit it, so the deferral is first edited into a short note, the answer
   * follows up with its own visibility, and the note is removed.
   */
  private async answerPastDeferral(message: Message, ephemeral: boolean): Promise<MessageRef> {
    await this.editOriginal({
      content: ephemeral ? MOVED.private : MOVED.public,
      embeds: [],
      components: [],
      allowed_mentions: { parse: [] },
    });
    const sent = await this.followUp(message, ephemeral);
    await this.deleteOriginal();
    return sent;
  }

  /**
   * The message the initial response created, by its id: a round's result edits it after the
   * interaction's token has run out. Asked of Discord, which may not have the response yet just
   * after it was sent, so an unknown message is asked again.
   */
  private async lastingOriginal(): Promise<MessageRef> {
    try {
      const sent = (await this.webhook(() => this.rest.get(this.original(), { auth: false }))) as APIMessage;
      return this.ref(sent.id);
    } catch (err) {
      this.log.warn({ err }, "could not learn the id of the interaction's response");
      return this.ref(ORIGINAL);
    }
  }

  /**
   * A first reply with files where the initial response cannot carry them (the HTTP transport):
   * defers now, for the reply's audience, so the reply edits the deferral with its files.
   */
  private deferForFiles(message: Message, ephemeral: boolean): void {
    if (!message.files?.length || this.initial.takesFiles || this.state !== "pending") return;
    this.expected = ephemeral ? "private" : "public";
    clearTimeout(this.timer);
    this.defer();
  }

  async reply(message: Message, options?: ReplyOptions): Promise<MessageRef | undefined> {
    this.deferForFiles(message, false);
    if (this.claim()) {
      const { body, files } = withFiles(message, renderMessage(message));
      await this.initial({ type: InteractionResponseType.ChannelMessageWithSource, data: body }, files);
      return options?.lasting ? this.lastingOriginal() : this.ref(ORIGINAL);
    }
    if (this.takeDeferral()) {
      await this.afterDeferral();
      if (this.deferredPrivately) return this.answerPastDeferral(message, false);
      const { body, files } = withFiles(message, renderEdit(message));
      const edited = await this.editOriginal(body, files);
      return this.ref(edited?.id ?? ORIGINAL);
    }
    return this.followUp(message, false);
  }

  async replyPrivately(message: Message): Promise<void> {
    this.deferForFiles(message, true);
    if (this.claim()) {
      const { body, files } = withFiles(message, {
        ...renderMessage(message),
        flags: MessageFlags.Ephemeral,
      });
      await this.initial({ type: InteractionResponseType.ChannelMessageWithSource, data: body }, files);
      return;
    }
    if (this.takeDeferral()) {
      await this.afterDeferral();
      if (this.deferredPrivately) {
        const { body, files } = withFiles(message, renderEdit(message));
        await this.editOriginal(body, files);
      } else await this.answerPastDeferral(message, true);
      return;
    }
    await this.followUp(message, true);
  }

  async update(message: Message): Promise<void> {
    if (this.isComponent && this.claim()) {
      await this.initial({ type: InteractionResponseType.UpdateMessage, data: renderEdit(message) });
      return;
    }
    if (this.isComponent) {
      this.state = "done";
      await this.afterDeferral();
      await this.editOriginal(renderEdit(message));
      return;
    }
    await this.reply(message);
  }

  async openForm(form: Form): Promise<void> {
    if (!this.claim())
      throw new UserError("form-too-late", "That took too long to open a form. Please try again.");
    await this.initial({ type: InteractionResponseType.Modal, data: renderModal(form) });
  }

  async postInThread(parent: MessageRef, message: Message): Promise<MessageRef | undefined> {
    let parentId = parent.id;
    if (parentId === ORIGINAL) {
      await this.afterDeferral();
      const original = (await this.webhook(() =>
        this.rest.get(this.original(), { auth: false }),
      )) as APIMessage;
      parentId = original.id;
    }
    const thread = (await discordCall(
      () =>
        this.rest.post(Routes.threads(parent.channel, parentId), {
          body: { name: threadName(message), auto_archive_duration: 1440 },
        }),
      "channel",
    )) as { id: string };
    const { body, files } = withFiles(message, renderMessage(message));
    const sent = (await discordCall(
      () => this.rest.post(Routes.channelMessages(thread.id), { body, ...(files ? { files } : {}) }),
      "thread",
    )) as APIMessage;
    return { platform: DISCORD, channel: thread.id, id: sent.id, thread: thread.id };
  }

  /** Called once the core is done: an interaction that got no answer is acknowledged quietly. */
  async finish(): Promise<void> {
    clearTimeout(this.timer);
    if (this.state === "pending") {
      this.state = "done";
      await this.initial(
        this.isComponent
          ? { type: InteractionResponseType.DeferredMessageUpdate }
          : {
              type: InteractionResponseType.ChannelMessageWithSource,
              data: { content: "Done.", flags: MessageFlags.Ephemeral },
            },
      );
    } else if (this.state === "deferred" && !this.isComponent) {
      this.state = "done";
      await this.afterDeferral();
      await this.deleteOriginal();
    }
  }
}

function threadName(message: Message): string {
  const header = message.blocks.find((b) => b.type === "header");
  const name = header && "text" in header ? writeCommands(header.text) : "Discussion";
  return name.slice(0, 100);
}
