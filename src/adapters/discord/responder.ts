import { setTimeout as sleep } from "node:timers/promises";
import type { REST } from "@discordjs/rest";
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
import type { Form, Message, MessageRef, ReplyOptions, Responder } from "../../core/model.ts";
import { isUnknownMessage } from "./errors.ts";
import { DISCORD, InteractionType } from "./normalize.ts";
import { ORIGINAL } from "./outbox.ts";
import { renderMessage, renderModal } from "./render.ts";

/** Delivers the interaction's one initial response: in the HTTP response, or by REST from the gateway. */
export type InitialSink = (response: APIInteractionResponse) => Promise<void>;

export interface InteractionInfo {
  applicationId: string;
  token: string;
  type: number;
  /** The channel (or thread) the interaction happened in. */
  channel: string;
}

/** Discord wants an answer within 3 s; past this, the responder defers and follows up later. */
export const DEFER_AFTER_MS = 2000;
const ORIGINAL_TRIES = 3;
const ORIGINAL_RETRY_MS = 250;

/**
 * Answers one interaction. The first reply uses the interaction's initial response; later ones are
 * follow-ups through the interaction webhook. When the handler is slow, the responder defers in time
 * and the first reply then edits (or replaces) the deferred response.
 */
export class InteractionResponder implements Responder {
  private state: "pending" | "deferred" | "done" = "pending";
  private deferred?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rest: REST,
    private readonly info: InteractionInfo,
    private readonly initial: InitialSink,
    private readonly log: Logger,
    deferAfterMs = DEFER_AFTER_MS,
  ) {
    this.timer = setTimeout(() => this.defer(), deferAfterMs);
    this.timer.unref();
  }

  private get isComponent(): boolean {
    return this.info.type === InteractionType.Component;
  }

  private ref(id: string): MessageRef {
    return {
      platform: DISCORD,
      channel: this.info.channel,
      id,
      extra: { applicationId: this.info.applicationId, token: this.info.token },
    };
  }

  /** Claims the initial response if nobody has used it yet. */
  private claim(): boolean {
    if (this.state !== "pending") return false;
    this.state = "done";
    clearTimeout(this.timer);
    return true;
  }

  private defer(): void {
    if (this.state !== "pending") return;
    this.state = "deferred";
    const type = this.isComponent
      ? InteractionResponseType.DeferredMessageUpdate
      : InteractionResponseType.DeferredChannelMessageWithSource;
    this.deferred = this.initial({ type }).catch((err: unknown) => {
      this.log.warn({ err }, "could not defer the interaction");
    });
  }

  /** Webhook calls must wait until Discord has the deferral, or @original does not exist yet. */
  private async afterDeferral(): Promise<void> {
    await this.deferred;
  }

  private original(): `/webhooks/${string}/${string}/messages/@original` {
    return Routes.webhookMessage(
      this.info.applicationId,
      this.info.token,
      ORIGINAL,
    ) as `/webhooks/${string}/${string}/messages/@original`;
  }

  private async followUp(message: Message, ephemeral: boolean): Promise<MessageRef> {
    await this.afterDeferral();
    const body = { ...renderMessage(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
    const sent = (await this.rest.post(Routes.webhook(this.info.applicationId, this.info.token), {
      body,
      auth: false,
    })) as APIMessage;
    return this.ref(sent.id);
  }

  /** After a command was deferred, the "thinking" response is replaced by the first public reply. */
  private takeDeferredCommand(): boolean {
    if (this.state !== "deferred" || this.isComponent) return false;
    this.state = "done";
    return true;
  }

  /**
   * The message the initial response created, by its id: a round's result edits it after the
   * interaction's token has run out. Asked of Discord, which may not have the response yet just
   * after it was sent (over HTTP it is still on its way), so an unknown message is asked again.
   */
  private async lastingOriginal(): Promise<MessageRef> {
    for (let attempt = 1; ; attempt++) {
      try {
        const sent = (await this.rest.get(this.original(), { auth: false })) as APIMessage;
        return this.ref(sent.id);
      } catch (err) {
        if (attempt < ORIGINAL_TRIES && isUnknownMessage(err)) {
          await sleep(ORIGINAL_RETRY_MS * attempt);
          continue;
        }
        this.log.warn({ err }, "could not learn the id of the interaction's response");
        return this.ref(ORIGINAL);
      }
    }
  }

  async reply(message: Message, options?: ReplyOptions): Promise<MessageRef | undefined> {
    if (this.claim()) {
      await this.initial({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: renderMessage(message),
      });
      return options?.lasting ? this.lastingOriginal() : this.ref(ORIGINAL);
    }
    if (this.takeDeferredCommand()) {
      await this.afterDeferral();
      const edited = (await this.rest.patch(this.original(), {
        body: renderMessage(message),
        auth: false,
      })) as APIMessage | undefined;
      return this.ref(edited?.id ?? ORIGINAL);
    }
    return this.followUp(message, false);
  }

  async replyPrivately(message: Message): Promise<void> {
    if (this.claim()) {
      await this.initial({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...renderMessage(message), flags: MessageFlags.Ephemeral },
      });
      return;
    }
    if (this.takeDeferredCommand()) {
      await this.afterDeferral();
      // A public "thinking" message cannot turn private: remove it and answer privately instead.
      await this.rest.delete(this.original(), { auth: false }).catch(() => undefined);
    }
    await this.followUp(message, true);
  }

  async update(message: Message): Promise<void> {
    if (this.isComponent && this.claim()) {
      await this.initial({ type: InteractionResponseType.UpdateMessage, data: renderMessage(message) });
      return;
    }
    if (this.isComponent) {
      this.state = "done";
      await this.afterDeferral();
      await this.rest.patch(this.original(), { body: renderMessage(message), auth: false });
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
      const original = (await this.rest.get(this.original(), { auth: false })) as APIMessage;
      parentId = original.id;
    }
    const thread = (await this.rest.post(Routes.threads(parent.channel, parentId), {
      body: { name: threadName(message), auto_archive_duration: 1440 },
    })) as { id: string };
    const sent = (await this.rest.post(Routes.channelMessages(thread.id), {
      body: renderMessage(message),
    })) as APIMessage;
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
      await this.rest.delete(this.original(), { auth: false }).catch(() => undefined);
    }
  }
}

function threadName(message: Message): string {
  const header = message.blocks.find((b) => b.type === "header");
  const name = header && "text" in header ? writeCommands(header.text) : "Discussion";
  return name.slice(0, 100);
}
