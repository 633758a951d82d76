import { z } from "zod";
import type { CommandStyle } from "../../core/command-token.ts";
import type { Capabilities } from "../../core/model.ts";
import { FILE_LIMITS } from "./file-limits.ts";

export const SLACK = "slack";

export const CAPABILITIES: Capabilities = {
  privateReplies: true,
  forms: true,
  threads: true,
  editMessages: true,
  organizerByFirstSetup: true,
  organizers: "workspace admins and owners",
  formFiles: true,
  files: {
    maxBytes: FILE_LIMITS.bytes,
    maxFiles: FILE_LIMITS.files,
    inlineImages: true,
    privateFiles: "direct-message",
  },
  directMessages: true,
};

/** How slash command names map to the core's commands, since names are shared by every app in a workspace. */
export interface CommandNaming {
  /** Prepended to every command name: "sg-" makes /quiz into /sg-quiz. */
  prefix: string;
  /** When set, one command carries them all: "/study quiz nodejs". */
  umbrella?: string;
}

export function slashName(command: string, naming: CommandNaming): string {
  return `/${naming.prefix}${command}`;
}

/** Splits what a member typed into the core's command name and argument text; undefined when it is not ours. */
export function resolveSlash(
  slash: string,
  text: string,
  naming: CommandNaming,
): { command: string; text: string } | undefined {
  const name = slash.replace(/^\//, "").toLowerCase();
  if (naming.umbrella) {
    if (name !== naming.umbrella) return undefined;
    const [first = "help", ...rest] = text.trim().split(/\s+/);
    return { command: first.toLowerCase() || "help", text: rest.join(" ") };
  }
  if (!name.startsWith(naming.prefix)) return undefined;
  return { command: name.slice(naming.prefix.length), text };
}

/**
 * Slack's payloads as the bot reads them, each checked with zod's compiled fast path (strict, so a
 * schema it cannot compile fails at start rather than quietly running slower): one runs per click.
 */
export const slashCommandBody = z.compile(
  z.object({
    command: z.string().min(2),
    text: z.string().default(""),
    user_id: z.string().min(1),
    user_name: z.string().optional(),
    team_id: z.string().min(1),
    channel_id: z.string().min(1),
    response_url: z.string().optional(),
    trigger_id: z.string().optional(),
  }),
  { strict: true },
);

/** Who clicked or submitted, and in which workspace, as interaction payloads carry them. */
const slackUser = z.object({
  id: z.string().min(1),
  username: z.string().optional(),
  name: z.string().optional(),
});
const slackTeam = z.object({ id: z.string().min(1) }).nullish();

export const blockActionsBody = z.compile(
  z.object({
    type: z.literal("block_actions"),
    user: slackUser,
    team: slackTeam,
    channel: z.object({ id: z.string().min(1) }).optional(),
    container: z.object({ message_ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
    message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
    actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
    response_url: z.string().optional(),
    trigger_id: z.string().optional(),
  }),
  { strict: true },
);

export const viewSubmissionBody = z.compile(
  z.object({
    type: z.literal("view_submission"),
    user: slackUser,
    team: slackTeam,
    view: z.object({
      callback_id: z.string(),
      private_metadata: z.string().optional(),
      state: z.object({
        values: z.record(
          z.string(),
          z.record(
            z.string(),
            z.object({
              value: z.string().nullish(),
              selected_option: z.object({ value: z.string() }).nullish(),
              /** A file_input's uploads: Slack file objects, of which the bot reads id, name and size. */
              files: z
                .array(z.object({ id: z.string(), name: z.string().optional(), size: z.number().optional() }))
                .nullish(),
            }),
          ),
        ),
      }),
    }),
  }),
  { strict: true },
);

/**
 * Where a modal was opened from, carried in the view's private_metadata. A submission has no
 * response_url of its own, so the opener's travels along: private replies then reach the member
 * even where chat.postEphemeral cannot (a channel the bot is not in).
 */
export const formOrigin = z.compile(
  z.object({
    team: z.string(),
    channel: z.string(),
    thread: z.string().optional(),
    responseUrl: z.url().optional(),
  }),
  { strict: true },
);
export type FormOrigin = z.infer<typeof formOrigin>;

/**
 * The thread a clicked message is in, if any. A thread's parent carries a thread_ts equal to its own
 * ts: it is in the channel, not in its thread.
 */
export function threadOfClick(body: z.infer<typeof blockActionsBody>): string | undefined {
  const { message, container } = body;
  if (message) return message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
  return container?.thread_ts && container.thread_ts !== container.message_ts
    ? container.thread_ts
    : undefined;
}

/**
 * A submitted modal's values by field: each input block's id is its field's id (a search field's
 * action id names where its options come from). A select's value is its chosen option's, or empty.
 */
export function viewValues(view: z.infer<typeof viewSubmissionBody>["view"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, block] of Object.entries(view.state.values)) {
    for (const input of Object.values(block)) values[id] = input.value ?? input.selected_option?.value ?? "";
  }
  return values;
}

/** The files of a submission's file_input elements, by block id (the form field's id). */
export function viewFiles(
  view: z.infer<typeof viewSubmissionBody>["view"],
): Record<string, { id: string; name?: string; size?: number }[]> {
  const files: Record<string, { id: string; name?: string; size?: number }[]> = {};
  for (const [id, block] of Object.entries(view.state.values)) {
    for (const input of Object.values(block)) if (input.files?.length) files[id] = input.files;
  }
  return files;
}

/** An options request from an external_select in a modal the bot opened: what the member typed so far. */
export const blockSuggestionBody = z.compile(
  z.object({
    type: z.literal("block_suggestion"),
    user: slackUser,
    team: slackTeam,
    action_id: z.string(),
    value: z.string().default(""),
    view: z.object({ private_metadata: z.string().optional() }).optional(),
  }),
  { strict: true },
);

/**
 * How members type a command in this workspace: /sg-quiz with a prefix, /study quiz with an umbrella.
 * The renderer writes the core's command tokens with it, so /help, usage lines and hints stay true.
 */
export function commandStyle(naming: CommandNaming): CommandStyle {
  return (command) => (naming.umbrella ? `/${naming.umbrella} ${command}` : slashName(command, naming));
}
