import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BotPort } from "../../core/bot.ts";
import { writeCommands } from "../../core/command-token.ts";
import { shortId } from "../../core/ids.ts";
import type {
  Actor,
  Button,
  Capabilities,
  Form,
  FormField,
  InboundEvent,
  Message,
  MessageRef,
  DirectTarget,
  Outbox,
  Place,
  Responder,
  SelectField,
} from "../../core/model.ts";
import { renderMessage } from "./render.ts";

export const PLAYGROUND = "playground";

/** Where the playground writes the files it is sent, unless told otherwise (git-ignored). */
export const FILES_DIR = join(".playground", "files");

const CAPABILITIES: Capabilities = {
  privateReplies: true,
  forms: true,
  threads: true,
  editMessages: true,
  // Files are written to disk and their path printed; a terminal shows no pictures.
  files: { maxBytes: 50 * 1024 * 1024, maxFiles: 10, inlineImages: false, privateFiles: "with-reply" },
  directMessages: true,
};

interface Posted {
  id: string;
  buttons: Button[];
}

/** A form being filled in, one field per typed line. */
interface OpenForm {
  form: Form;
  actor: Actor;
  values: Record<string, string>;
  next: number;
}

/** What a field starts with, as the member sees it: a select's option label, else the value. */
function shownValue(field: FormField): string | undefined {
  if (!field.initial) return undefined;
  if (field.kind !== "select") return field.initial;
  return field.options.find((o) => o.value === field.initial)?.label ?? field.initial;
}

/** A select's option picked by its number, its value or its label; undefined when none matches. */
function choiceOf(field: SelectField, typed: string): string | undefined {
  const byNumber = /^\d+$/.test(typed) ? field.options[Number(typed) - 1] : undefined;
  const wanted = typed.toLowerCase();
  const option =
    byNumber ??
    field.options.find((o) => o.value.toLowerCase() === wanted || o.label.toLowerCase() === wanted);
  return option?.value;
}

/**
 * The terminal playground: one member at a time in one channel, replies printed as text. Type a
 * slash command, a number to click that button of the latest message with buttons, /as NAME to act
 * as another member, /channel NAME to move to another group.
 */
export class PlaygroundSession implements Outbox {
  private actor: Actor = { id: "you", name: "you", isOrganizer: true };
  private channel = "study";
  private counter = 0;
  private privateCounter = 0;
  private lastWithButtons?: Posted;
  private filling?: OpenForm;

  constructor(
    private readonly bot: BotPort,
    private readonly write: (text: string) => void,
    private readonly filesDir: string = FILES_DIR,
  ) {}

  get prompt(): string {
    const field = this.filling?.form.fields[this.filling.next];
    if (field) {
      const kept = shownValue(field);
      const hint = kept ? ` [${kept}]` : field.required === false ? " (optional)" : "";
      return `  ${writeCommands(field.label)}${hint}> `;
    }
    return `${this.actor.name}@#${this.channel}> `;
  }

  /** Lists a select field's options, by number, before its prompt asks for one. */
  private showChoices(): void {
    const field = this.filling?.form.fields[this.filling.next];
    if (field?.kind !== "select") return;
    const list = field.options.map((o, i) => `${i + 1}) ${writeCommands(o.label)}`).join("  ");
    this.write(`  ${list}\n`);
  }

  private place(channel = this.channel): Place {
    return { platform: PLAYGROUND, workspace: "local", channel };
  }

  /** Writes a message's files under the files folder: one line each, with its path, for the text. */
  private async saveFiles(message: Message): Promise<string> {
    const files = message.files ?? [];
    if (files.length === 0) return "";
    await mkdir(this.filesDir, { recursive: true });
    const lines: string[] = [];
    for (const file of files) {
      const path = join(this.filesDir, `${shortId(6)}-${file.name}`);
      await writeFile(path, file.data);
      lines.push(`  [file] ${file.name} (${file.data.byteLength} bytes): ${file.alt}\n    saved to ${path}`);
    }
    return `${lines.join("\n")}\n`;
  }

  private async show(label: string, message: Message, id?: string): Promise<void> {
    const files = await this.saveFiles(message);
    const rendered = renderMessage(message);
    this.write(`${label}\n${rendered.text}\n${files}`);
    if (id && rendered.buttons.length > 0) this.lastWithButtons = { id, buttons: rendered.buttons };
    if (id && this.lastWithButtons?.id === id && rendered.buttons.length === 0)
      this.lastWithButtons = undefined;
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const id = String(++this.counter);
    const where = place.thread ? `in the thread of #${place.thread}` : `in #${place.channel}`;
    await this.show(`[#${id} ${where}]`, message, id);
    return {
      platform: PLAYGROUND,
      channel: place.channel,
      id,
      ...(place.thread ? { thread: place.thread } : {}),
    };
  }

  async edit(ref: MessageRef, message: Message): Promise<void> {
    await this.show(`[#${ref.id} updated]`, message, ref.id);
  }

  /** The one terminal is everyone's inbox: a direct message is printed with whom it is for. */
  async sendDirect(to: DirectTarget, message: Message): Promise<MessageRef> {
    const id = String(++this.counter);
    await this.show(`[#${id} direct message to ${to.memberId}]`, message, id);
    return { platform: PLAYGROUND, channel: `dm-${to.memberId}`, id };
  }

  private responder(messageId?: string): Responder {
    const actor = this.actor;
    const place = this.place();
    return {
      reply: (message) => this.post(place, message),
      // Numbered like posts, so the buttons of a private message (a practice question) can be clicked.
      replyPrivately: async (message) =>
        this.show(`[private to ${actor.name}]`, message, `private-${++this.privateCounter}`),
      update: async (message) => {
        if (messageId)
          await this.edit({ platform: PLAYGROUND, channel: place.channel, id: messageId }, message);
        else await this.post(place, message);
      },
      openForm: async (form: Form) => {
        this.filling = { form, actor, values: {}, next: 0 };
        this.write(
          `[form for ${actor.name}] ${writeCommands(form.title)}: type each field and press Enter` +
            `${form.fields.some((f) => f.initial) ? " (Enter alone keeps [the current value])" : ""}; /cancel stops.\n`,
        );
        this.showChoices();
      },
      postInThread: (parent, message) => this.post({ ...place, thread: parent.thread ?? parent.id }, message),
    };
  }

  private base(messageId?: string) {
    return {
      id: shortId(10),
      actor: { ...this.actor },
      place: this.place(),
      capabilities: CAPABILITIES,
      respond: this.responder(messageId),
    };
  }

  /** Takes a typed line as the next field of the open form; submits it after the last field. */
  private async fillForm(filling: OpenForm, text: string): Promise<void> {
    if (text === "/cancel") {
      this.filling = undefined;
      this.write("Form cancelled.\n");
      return;
    }
    const field = filling.form.fields[filling.next];
    if (!field) return;
    const value = text || field.initial || "";
    if (!value && field.required !== false) {
      this.write(`${field.label} is required.\n`);
      return;
    }
    const chosen = field.kind === "select" && value ? choiceOf(field, value) : value;
    if (chosen === undefined) {
      this.write(`Pick a number from 1 to ${field.kind === "select" ? field.options.length : 0}.\n`);
      this.showChoices();
      return;
    }
    filling.values[field.id] = chosen;
    filling.next++;
    if (filling.next < filling.form.fields.length) {
      this.showChoices();
      return;
    }
    this.filling = undefined;
    const actor = this.actor;
    this.actor = filling.actor;
    try {
      await this.bot.handle({
        ...this.base(),
        kind: "form",
        action: filling.form.action,
        values: filling.values,
      });
    } finally {
      this.actor = actor;
    }
  }

  /** Handles one typed line. Returns false when the member asked to leave. */
  async input(line: string): Promise<boolean> {
    const text = line.trim();
    if (this.filling) {
      await this.fillForm(this.filling, text);
      return true;
    }
    if (text === "") return true;
    if (text === "/quit" || text === "/exit") return false;

    const as = /^\/as(?:\s+(\S+))?\s*$/.exec(text);
    if (as) {
      if (as[1]) this.actor = { id: as[1].toLowerCase(), name: as[1], isOrganizer: false };
      this.write(`You are ${this.actor.name}.\n`);
      return true;
    }
    const channel = /^\/channel(?:\s+#?(\S+))?\s*$/.exec(text);
    if (channel) {
      if (channel[1]) this.channel = channel[1].toLowerCase();
      this.lastWithButtons = undefined;
      this.write(`You are in #${this.channel}; each channel is its own study group.\n`);
      return true;
    }
    if (/^\d+$/.test(text)) {
      const posted = this.lastWithButtons;
      const button = posted?.buttons[Number(text) - 1];
      if (!posted || !button) {
        const count = posted?.buttons.length ?? 0;
        this.write(
          count > 0 ? `Pick a button from 1 to ${count}.\n` : "There is no button to click yet. Try /quiz.\n",
        );
        return true;
      }
      const event: InboundEvent = {
        ...this.base(posted.id),
        kind: "button",
        action: button.action,
        message: { platform: PLAYGROUND, channel: this.channel, id: posted.id },
      };
      await this.bot.handle(event);
      return true;
    }
    const command = /^\/([a-z][a-z0-9-]*)(?:\s+([\s\S]*))?$/i.exec(text);
    if (!command) {
      this.write(
        "Type a command such as /daily, /quiz nodejs or /help; a number clicks a button; /quit leaves.\n",
      );
      return true;
    }
    await this.bot.handle({
      ...this.base(),
      kind: "command",
      command: (command[1] ?? "").toLowerCase(),
      args: { kind: "text", text: command[2] ?? "" },
    });
    return true;
  }
}
