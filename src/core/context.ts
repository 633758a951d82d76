import type { CommandInfo } from "./command-info.ts";
import { UserError } from "./errors.ts";
import { fitFiles, withoutFiles } from "./files.ts";
import { groupId } from "./group-key.ts";
import type { Form, InboundEvent, Message, MessageRef, ReplyOptions } from "./model.ts";
import { neutralFallback } from "./plain-text.ts";
import type { CoreServices } from "./services.ts";

/**
 * Where a platform has no private replies, what a private reply becomes: a public post addressed
 * to the member, or nothing (for what others must not see, like a locked-in quiz answer).
 */
export type PrivateFallback = "public" | "none";

/**
 * What a handler sees of one event: who, where, and reply methods that degrade gracefully where the
 * platform lacks a capability. The application extends it with its own helpers.
 */
export class Context<S extends CoreServices = CoreServices> {
  readonly group: string;

  constructor(
    readonly event: InboundEvent,
    readonly services: S,
    /** Every command the bot serves, in the order /help lists them. */
    readonly commands: readonly CommandInfo[],
  ) {
    this.group = groupId(event.place);
  }

  get actor() {
    return this.event.actor;
  }

  get place() {
    return this.event.place;
  }

  /** Whether the platform says the actor may manage the group, asking it only when the event did not say. */
  async isPlatformOrganizer(): Promise<boolean> {
    if (this.actor.isOrganizer !== undefined) return this.actor.isOrganizer;
    return (await this.actor.resolveOrganizer?.()) ?? false;
  }

  /** Whether the actor may manage the group. Applications add their own rule (the member who set it up). */
  isOrganizer(): Promise<boolean> {
    return this.isPlatformOrganizer();
  }

  get now(): number {
    return this.services.clock.now();
  }

  /** The message as this platform can take its files (the rest become their fallback text). */
  private fitted(message: Message): Message {
    return fitFiles(message, this.event.capabilities);
  }

  reply(message: Message, options?: ReplyOptions): Promise<MessageRef | undefined> {
    return this.event.respond.reply(this.fitted(message), options);
  }

  /**
   * Shows a message to the actor alone. Where the platform has no private replies, `otherwise`
   * decides: "public" posts it addressed to the member, "none" sends nothing.
   */
  async replyPrivately(original: Message, otherwise: PrivateFallback): Promise<void> {
    const message = this.fitted(original);
    if (this.event.capabilities.privateReplies) {
      await this.event.respond.replyPrivately(message);
      return;
    }
    if (otherwise === "none") return;
    const to = `@${this.actor.name}`;
    await this.event.respond.reply({
      ...message,
      blocks: [{ type: "context", text: `For ${to}:` }, ...message.blocks],
      fallback: `${to}: ${neutralFallback(message)}`,
    });
  }

  /**
   * Replaces the clicked message where possible (its files shown as their fallback text: a message
   * edited in place keeps no new files); otherwise posts the new version, files and all.
   */
  async update(message: Message): Promise<void> {
    if (this.event.kind === "button" && this.event.capabilities.editMessages) {
      await this.event.respond.update(withoutFiles(message));
      return;
    }
    await this.event.respond.reply(this.fitted(message));
  }

  async openForm(form: Form): Promise<void> {
    if (!this.event.capabilities.forms) {
      throw new UserError(
        "forms-unavailable",
        "Forms are not available here. Try this from a platform that supports them.",
      );
    }
    await this.event.respond.openForm(form);
  }

  /** Posts in the group's channel outside of the event's own replies (an answer others will review). */
  async post(message: Message): Promise<MessageRef | undefined> {
    const outbox = this.services.outboxes.get(this.place.platform);
    if (!outbox) return this.reply(message);
    return outbox.post({ ...this.place, thread: undefined }, this.fitted(message));
  }

  /** Posts in the thread a message lives in (or in the channel where there are no threads). */
  async postToThread(ref: MessageRef | undefined, message: Message): Promise<MessageRef | undefined> {
    const outbox = this.services.outboxes.get(this.place.platform);
    if (!outbox) return this.reply(message);
    return outbox.post({ ...this.place, thread: ref?.thread }, this.fitted(message));
  }

  /**
   * Edits an earlier message (files become their fallback text); a message that can no longer be
   * edited is left as it is.
   */
  async edit(ref: MessageRef, message: Message): Promise<void> {
    const outbox = this.services.outboxes.get(ref.platform);
    try {
      await outbox?.edit(ref, withoutFiles(message));
    } catch (err) {
      this.services.log.warn(
        { err, ref: { platform: ref.platform, id: ref.id } },
        "could not edit a message",
      );
    }
  }

  /** Posts under a message in a thread; without threads, as a plain reply. */
  async postInThread(parent: MessageRef, message: Message): Promise<MessageRef | undefined> {
    const fitted = this.fitted(message);
    if (this.event.capabilities.threads) return this.event.respond.postInThread(parent, fitted);
    return this.event.respond.reply(fitted);
  }

  text(text: string): Message {
    return { blocks: [{ type: "text", text }] };
  }
}
