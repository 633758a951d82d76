/**
 * The neutral model: what every adapter turns platform payloads into, and what it renders back.
 * Nothing here knows Discord or Slack.
 */

/** A registered platform's name, as in group ids: "discord", "slack". */
export type PlatformName = string;

/** Who acted. `id` is the platform's stable member id; `name` is for display only. */
export interface Actor {
  id: string;
  name: string;
  /** Set by the adapter when the event itself says this member may manage the group. */
  isOrganizer?: boolean;
  /** Where finding out costs an API call, the adapter asks only when the core needs to know. */
  resolveOrganizer?: () => Promise<boolean>;
}

/** Where it happened. A group is one channel in one workspace (Discord guild, Slack team). */
export interface Place {
  platform: PlatformName;
  workspace: string;
  channel: string;
  thread?: string;
  /**
   * What the adapter needs, beyond the channel, to post here outside of an event (a scheduled post),
   * opaque to the core. Kept with the group when an organizer sets it up.
   */
  route?: string;
}

/** A reference to a message the bot posted, opaque to the core beyond these fields. */
export interface MessageRef {
  platform: PlatformName;
  channel: string;
  id: string;
  /** The thread the message is in, when it is in one: later posts to that thread go here. */
  thread?: string;
  /** Adapter-private data needed to edit the message later (for example an interaction token). */
  extra?: Record<string, string>;
}

// ---- outbound ----

export type ButtonStyle = "primary" | "secondary" | "success" | "danger";

export interface Button {
  /** The action id the core receives back when the button is clicked (kept short: see actions.ts). */
  action: string;
  label: string;
  /** A shorter label for platforms whose label limit `label` exceeds (an option's letter alone). */
  compactLabel?: string;
  style?: ButtonStyle;
}

export interface Field {
  label: string;
  value: string;
  inline?: boolean;
}

/**
 * Blocks use a small markdown dialect: **bold**, _italic_, `code`, fenced code blocks, "- " lists,
 * <#CHANNEL> channel mentions and command tokens. Adapters translate it to their platform's flavour.
 *
 * A command token names one of the bot's commands: ⟦/quiz⟧, or ⟦/daily <day>⟧ with argument text
 * after one space. Write it with `cmd("quiz")` or `cmd("daily", "<day>")` from command-token.ts, never
 * by hand. Each renderer writes it as members type the command there: "/quiz" on Discord and in the
 * playground, "/quiz", "/sg-quiz" or "/study quiz" on Slack, per the workspace's naming; the
 * plain-text fallback writes "/quiz" unless its renderer passes its own style. Its brackets (U+27E6,
 * U+27E7) appear in no content and on no keyboard, and cmd() drops them from what it is given, so a
 * text holding "/quiz", "a/b", braces or code is never read as a token: only tokens are rewritten.
 */
export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string }
  | { type: "section"; title?: string; text?: string; fields?: Field[] }
  | { type: "buttons"; buttons: Button[] }
  | { type: "context"; text: string }
  | { type: "divider" };

/**
 * A file sent with a message: a picture shown in it, or a document to download (a CSV). The core
 * never knows how a platform uploads; each adapter sends it its own way, and where a file cannot go
 * (no files on the platform, over its size limit, an edit) its `fallback` text is shown instead.
 * Build one with `filePart()` from files.ts, which checks the name and the fallback.
 */
export interface FilePart {
  /** The name members see and platforms reference it by (Discord's attachment://name): [A-Za-z0-9._-]. */
  name: string;
  /** Its media type: "image/png", "text/csv; charset=utf-8". */
  contentType: string;
  data: Uint8Array;
  /** What it shows, for screen readers and as its caption (Discord's description, Slack's alt_text). */
  alt: string;
  /** Text in the neutral dialect that stands in for the file wherever it cannot be sent. */
  fallback: string;
}

export interface Message {
  blocks: Block[];
  /** Plain text for notifications and for platforms that cannot render blocks; derived when absent. */
  fallback?: string;
  /** Files sent with the message, in order; pictures are shown in it where the platform can. */
  files?: FilePart[];
}

/** One choice of a select field: what the member sees, and the value the submission carries. */
export interface FormOption {
  label: string;
  value: string;
}

interface FieldBase {
  id: string;
  label: string;
  placeholder?: string;
  required?: boolean;
  /** The value the field starts with (a select's option value); the member may keep it. */
  initial?: string;
  /** The longest value it takes. */
  maxLength?: number;
}

/** Free text, on one line or several. */
export interface TextField extends FieldBase {
  kind?: "text";
  multiline?: boolean;
}

/** One of a short, fixed list of options. */
export interface SelectField extends FieldBase {
  kind: "select";
  options: FormOption[];
}

/**
 * One of many values, found by typing: the command option whose autocomplete suggests them. A
 * platform with a searchable select asks the bot as the member types; elsewhere it is a text field,
 * and the feature validates what was typed (and suggests what was meant) on submission.
 */
export interface SearchField extends FieldBase {
  kind: "search";
  suggest: { command: string; option: string };
}

/**
 * A file the member attaches to the form (Slack's file_input). Only offered where
 * `capabilities.formFiles`; always optional, since the feature checks what was given.
 */
export interface FileField extends FieldBase {
  kind: "file";
  /** The file name endings it takes, without the dot: ["yaml", "yml", "csv"]. */
  accept: string[];
}

export type FormField = TextField | SelectField | SearchField | FileField;

export interface Form {
  /** The action id the core receives with the submission. */
  action: string;
  title: string;
  submitLabel?: string;
  fields: FormField[];
}

// ---- capabilities ----

/** What a platform does with a message's files. */
export interface FileCapabilities {
  /** The most bytes one message's files may hold together (Discord: 10 MiB a request). */
  maxBytes: number;
  /** The most files one message may carry. */
  maxFiles: number;
  /** Whether a picture (PNG, JPEG, GIF) is shown inside the message rather than as a download. */
  inlineImages: boolean;
  /**
   * Where a private reply's files go: with the reply itself, seen by the member alone (Discord's
   * ephemeral attachments), or, for what is not a picture, to the member's direct messages with the
   * bot (Slack, whose ephemeral messages cannot carry files).
   */
  privateFiles: "with-reply" | "direct-message";
}

export interface Capabilities {
  privateReplies: boolean;
  forms: boolean;
  threads: boolean;
  editMessages: boolean;
  /**
   * Whether the first member to set a group up becomes its organizer (Slack, where channel
   * permissions are not visible to apps). Elsewhere organizers are whoever the platform says.
   */
  organizerByFirstSetup?: boolean;
  /** Who organizes on this platform, for refusals: "members with Manage Server or Manage Channels". */
  organizers?: string;
  /** The most fields one form can hold, where the platform caps it (Discord's modals: 5). */
  formFields?: number;
  /** Files with messages, where the platform takes them; without, each file's fallback text is shown. */
  files?: FileCapabilities;
  /** Whether a form can take a file from the member (a file field). */
  formFiles?: boolean;
  /** Whether a command can carry a file the member attaches (an argument declared with fileArg). */
  commandFiles?: boolean;
  /** Whether the bot can send a member a direct message outside of any channel (Outbox.sendDirect). */
  directMessages?: boolean;
}

// ---- inbound ----

export interface ReplyOptions {
  lasting?: boolean;
}

/**
 * What an event's first reply is, as its handler declares it: shown to everyone, to the actor alone,
 * a form, or the clicked message replaced. A platform that must acknowledge an event before the
 * handler is done (Discord, within 3 seconds) acknowledges it the same way.
 */
export type FirstReply = "public" | "private" | "form" | "update";

/** How the core answers an event. Adapters implement it over their platform's reply mechanisms. */
export interface Responder {
  /** Told before the handler runs what its first reply will be; errors and refusals are private. */
  expectFirstReply?(kind: FirstReply): void;
  /**
   * Posts in the place the event came from, visible to all. With `lasting`, the caller will edit the
   * message later, maybe after the platform's handle for this event has expired (Discord's
   * interaction token lasts 15 minutes), so the reference must outlive it.
   */
  reply(message: Message, options?: ReplyOptions): Promise<MessageRef | undefined>;
  /** Shows a message to the actor alone. Only called when `capabilities.privateReplies`. */
  replyPrivately(message: Message): Promise<void>;
  /** Replaces the message the clicked button is on. Only for button events with `editMessages`. */
  update(message: Message): Promise<void>;
  /** Opens a form. Only called when `capabilities.forms`. */
  openForm(form: Form): Promise<void>;
  /** Posts in a thread under a message. Only called when `capabilities.threads`. */
  postInThread(parent: MessageRef, message: Message): Promise<MessageRef | undefined>;
  /**
   * Keeps a submitted form open with an error under each named field, where the platform can
   * (Slack); resolves false where it cannot, and the core then replies privately instead.
   */
  rejectForm?(fields: Record<string, string>): Promise<boolean>;
}

interface EventBase {
  /** Unique per inbound event; appears in logs and in "something went wrong" replies. */
  id: string;
  actor: Actor;
  place: Place;
  capabilities: Capabilities;
  respond: Responder;
}

/**
 * Raw arguments as the platform delivered them: named (Discord options) or as one string of text
 * (Slack slash command text, the playground). The core parses and validates both against the
 * command's zod schema.
 */
export type RawArgs = { kind: "named"; values: Record<string, unknown> } | { kind: "text"; text: string };

/**
 * A file a member attached to a command or a form, as the platform describes it; its bytes are
 * fetched only when the feature reads them, at most `maxBytes` of them.
 */
export interface InboundFile {
  name: string;
  /** The type the platform gives, when it gives one. */
  contentType?: string;
  /** Its size as the platform states it, in bytes. */
  size: number;
  /** Fetches its bytes; a UserError when it is over `maxBytes` or cannot be fetched in time. */
  read(maxBytes: number): Promise<Uint8Array>;
}

export interface CommandEvent extends EventBase {
  kind: "command";
  command: string;
  args: RawArgs;
  /** Files attached to the command, by argument name. */
  files?: Record<string, InboundFile>;
}

export interface ButtonEvent extends EventBase {
  kind: "button";
  action: string;
  /** The message the button is on, when the platform tells us. */
  message?: MessageRef;
}

export interface FormEvent extends EventBase {
  kind: "form";
  action: string;
  values: Record<string, string>;
  /** Files attached in the form, by field id. */
  files?: Record<string, InboundFile[]>;
}

export type InboundEvent = CommandEvent | ButtonEvent | FormEvent;

/** Autocomplete is answered inline, not through a responder. */
export interface AutocompleteRequest {
  actor: Actor;
  place: Place;
  command: string;
  option: string;
  partial: string;
}

export interface Choice {
  name: string;
  value: string;
}

/** A member to reach in private, outside of any channel: who, on which platform and workspace. */
export interface DirectTarget {
  platform: PlatformName;
  workspace: string;
  memberId: string;
}

/** Sends messages outside of an inbound event: scheduled posts, closing a quiz round later. */
export interface Outbox {
  post(place: Place, message: Message): Promise<MessageRef | undefined>;
  edit(ref: MessageRef, message: Message): Promise<void>;
  /**
   * Sends the member a direct message (where `capabilities.directMessages`); throws
   * DirectMessagesClosed when the platform says the member takes none from the bot.
   */
  sendDirect?(to: DirectTarget, message: Message): Promise<MessageRef | undefined>;
  /**
   * Shows a message to one member in a channel outside of any event, where the platform can (Slack's
   * chat.postEphemeral); platforms that show private messages only in answer to an event have none.
   */
  postPrivately?(place: Place, memberId: string, message: Message): Promise<void>;
}
