import { z } from "zod";
import type { Actor, AutocompleteRequest, Capabilities, MessageRef, Place } from "../../core/model.ts";
import { FILE_LIMITS } from "./files.ts";
import { LIMITS } from "./render.ts";

export const DISCORD = "discord";

export const CAPABILITIES: Capabilities = {
  privateReplies: true,
  forms: true,
  threads: true,
  editMessages: true,
  organizers: "members with the Manage Server or Manage Channels permission",
  formFields: LIMITS.inputs,
  commandFiles: true,
  files: {
    maxBytes: FILE_LIMITS.bytes,
    maxFiles: FILE_LIMITS.files,
    inlineImages: true,
    privateFiles: "with-reply",
  },
  directMessages: true,
};

/** Permission bits that make a member an organizer: Administrator, Manage Channels, Manage Server. */
const ORGANIZER_BITS = (1n << 3n) | (1n << 4n) | (1n << 5n);
const THREAD_TYPES = new Set([10, 11, 12]);

const user = z.object({
  id: z.string().min(1),
  username: z.string(),
  global_name: z.string().nullish(),
});

type RawOption = { name: string; type: number; value?: unknown; focused?: boolean; options?: RawOption[] };
/**
 * Options nest as deep as Discord allows (a subcommand group's subcommand's options) and no deeper,
 * written out level by level rather than as one recursive schema so that z.compile can compile the
 * whole interaction: a click is validated on every answer.
 */
const leafOption = z.object({
  name: z.string(),
  type: z.number().int(),
  value: z.unknown().optional(),
  focused: z.boolean().optional(),
});
const subcommandOption = leafOption.extend({ options: z.array(leafOption).optional() });
const option = leafOption.extend({ options: z.array(subcommandOption).optional() });

type RawComponent = {
  type: number;
  custom_id?: string;
  value?: string;
  /** A select's chosen values. */
  values?: string[];
  components?: RawComponent[];
  component?: RawComponent;
};
/** A modal's components, as deep as Discord nests them (a row or a label, then its input), likewise. */
const leafComponent = z.object({
  type: z.number().int(),
  custom_id: z.string().optional(),
  value: z.string().optional(),
  values: z.array(z.string()).optional(),
});
const innerComponent = leafComponent.extend({
  components: z.array(leafComponent).optional(),
  component: leafComponent.optional(),
});
const component = leafComponent.extend({
  components: z.array(innerComponent).optional(),
  component: innerComponent.optional(),
});

/** The parts of Discord's interaction object the bot reads; anything else is ignored. */
export const rawInteraction = z.compile(
  z.object({
    id: z.string().min(1),
    application_id: z.string().min(1),
    type: z.number().int(),
    token: z.string().min(1),
    guild_id: z.string().optional(),
    channel_id: z.string().optional(),
    channel: z.object({ id: z.string(), type: z.number().int(), parent_id: z.string().nullish() }).optional(),
    member: z.object({ user, nick: z.string().nullish(), permissions: z.string().optional() }).optional(),
    user: user.optional(),
    message: z.object({ id: z.string(), channel_id: z.string().optional() }).optional(),
    data: z
      .object({
        name: z.string().optional(),
        options: z.array(option).optional(),
        custom_id: z.string().optional(),
        component_type: z.number().int().optional(),
        components: z.array(component).optional(),
        resolved: z
          .object({
            attachments: z
              .record(
                z.string(),
                z.object({
                  filename: z.string(),
                  size: z.number().int().nonnegative(),
                  url: z.string(),
                  content_type: z.string().optional(),
                }),
              )
              .optional(),
          })
          .optional(),
      })
      .optional(),
  }),
  { strict: true },
);

/** A file attached to a command option, as the interaction's resolved data describes it. */
export interface RawAttachment {
  filename: string;
  size: number;
  url: string;
  content_type?: string;
}

export type RawInteraction = z.infer<typeof rawInteraction>;

export const InteractionType = {
  Ping: 1,
  Command: 2,
  Component: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

interface Common {
  actor: Actor;
  place: Place;
}

export type Normalized =
  | { kind: "ping" }
  | (Common & {
      kind: "command";
      command: string;
      values: Record<string, unknown>;
      /** Attachment options, by option name. */
      attachments: Record<string, RawAttachment>;
    })
  | (Common & { kind: "button"; action: string; message?: MessageRef })
  | (Common & { kind: "form"; action: string; values: Record<string, string> })
  | { kind: "autocomplete"; request: AutocompleteRequest }
  | { kind: "unsupported"; reason: string };

function actorOf(raw: RawInteraction): Actor | undefined {
  const u = raw.member?.user ?? raw.user;
  if (!u) return undefined;
  const permissions = raw.member?.permissions;
  let isOrganizer = false;
  if (permissions && /^\d+$/.test(permissions)) isOrganizer = (BigInt(permissions) & ORGANIZER_BITS) !== 0n;
  return { id: u.id, name: raw.member?.nick ?? u.global_name ?? u.username, isOrganizer };
}

/** A thread belongs to the group of its parent channel. */
function placeOf(raw: RawInteraction): Place | undefined {
  const channelId = raw.channel?.id ?? raw.channel_id;
  if (!channelId) return undefined;
  const workspace = raw.guild_id ?? "dm";
  if (raw.channel && THREAD_TYPES.has(raw.channel.type) && raw.channel.parent_id) {
    return { platform: DISCORD, workspace, channel: raw.channel.parent_id, thread: raw.channel.id };
  }
  return { platform: DISCORD, workspace, channel: channelId };
}

/** Discord's option type for an attachment: its value is the id of a resolved attachment. */
const ATTACHMENT = 11;

/**
 * Flattens subcommands into their leaf options; a subcommand name becomes the `action` value. An
 * attachment option's value becomes the file's name, and the attachment is collected by option name.
 */
function optionValues(
  options: RawOption[] | undefined,
  resolved: Record<string, RawAttachment> = {},
  attachments: Record<string, RawAttachment> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const o of options ?? []) {
    if (o.type === 1 || o.type === 2) {
      values.action = o.name;
      Object.assign(values, optionValues(o.options, resolved, attachments));
    } else if (o.type === ATTACHMENT) {
      const attachment = resolved[String(o.value)];
      if (!attachment) continue;
      attachments[o.name] = attachment;
      values[o.name] = attachment.filename;
    } else {
      values[o.name] = o.value;
    }
  }
  return values;
}

function focusedOption(options: RawOption[] | undefined): RawOption | undefined {
  for (const o of options ?? []) {
    if (o.focused) return o;
    const inner = focusedOption(o.options);
    if (inner) return inner;
  }
  return undefined;
}

function modalValues(components: RawComponent[] | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (c: RawComponent) => {
    if (c.custom_id && typeof c.value === "string") values[c.custom_id] = c.value;
    // Forms take one choice per select; nothing chosen is an empty value, as an empty text input.
    if (c.custom_id && c.values) values[c.custom_id] = c.values[0] ?? "";
    for (const inner of c.components ?? []) visit(inner);
    if (c.component) visit(c.component);
  };
  for (const c of components ?? []) visit(c);
  return values;
}

/** Discord's raw interaction JSON (from the gateway or the HTTP endpoint) to the core's neutral terms. */
export function normalize(raw: RawInteraction): Normalized {
  if (raw.type === InteractionType.Ping) return { kind: "ping" };
  const actor = actorOf(raw);
  const place = placeOf(raw);
  if (!actor || !place) return { kind: "unsupported", reason: "interaction without a member or a channel" };
  const data = raw.data ?? {};
  switch (raw.type) {
    case InteractionType.Command:
      if (!data.name) return { kind: "unsupported", reason: "command without a name" };
      {
        const attachments: Record<string, RawAttachment> = {};
        const values = optionValues(data.options, data.resolved?.attachments, attachments);
        return { kind: "command", actor, place, command: data.name, values, attachments };
      }
    case InteractionType.Component:
      if (!data.custom_id) return { kind: "unsupported", reason: "component without a custom_id" };
      return {
        kind: "button",
        actor,
        place,
        action: data.custom_id,
        message: raw.message
          ? { platform: DISCORD, channel: place.thread ?? place.channel, id: raw.message.id }
          : undefined,
      };
    case InteractionType.ModalSubmit:
      if (!data.custom_id) return { kind: "unsupported", reason: "modal without a custom_id" };
      return { kind: "form", actor, place, action: data.custom_id, values: modalValues(data.components) };
    case InteractionType.Autocomplete: {
      const focused = focusedOption(data.options);
      if (!data.name || !focused)
        return { kind: "unsupported", reason: "autocomplete without a focused option" };
      return {
        kind: "autocomplete",
        request: {
          actor,
          place,
          command: data.name,
          option: focused.name,
          partial: String(focused.value ?? ""),
        },
      };
    }
    default:
      return { kind: "unsupported", reason: `interaction type ${raw.type}` };
  }
}
