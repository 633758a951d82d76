import { argumentSpecs, usageArgs } from "../../core/args.ts";
import type { CommandInfo } from "../../core/command.ts";
import { type CommandNaming, slashName } from "./normalize.ts";

/**
 * The fewest bot scopes that work: slash commands, posting and editing messages, checking admins;
 * files:write to upload pictures and files (a progress card, a CSV export), im:write to open a
 * member's direct message (reminders and weekly digests, and a private file, since ephemeral
 * messages cannot carry files), files:read to read a question bank an organizer attaches to the
 * import form.
 */
export const BOT_SCOPES = ["commands", "chat:write", "users:read", "files:write", "files:read", "im:write"];

/** Slack's manifest schema (slackapi/manifest-schema) caps a slash command's usage_hint at 1000 characters. */
export const MANIFEST_LIMITS = { usageHint: 1000 } as const;

/** Whole words that fit in `max` characters, then "…". */
function fitWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max - 2);
  return `${text.slice(0, cut > 0 ? cut : max - 2)} …`;
}

/** A Slack app manifest for Socket Mode, built from the same `commands/` list the core runs. */
export function slackManifest(commands: readonly CommandInfo[], naming: CommandNaming = { prefix: "" }) {
  const slashCommands = naming.umbrella
    ? [
        {
          command: `/${naming.umbrella}`,
          description: "Study group: daily topic, quizzes, STAR practice, leaderboards",
          usage_hint: fitWords(commands.map((c) => c.name).join(" | "), MANIFEST_LIMITS.usageHint),
          should_escape: false,
        },
      ]
    : commands.map((c) => ({
        command: slashName(c.name, naming),
        description: c.description.slice(0, 100),
        ...(argumentSpecs(c.args).length > 0
          ? {
              usage_hint: fitWords(usageArgs(argumentSpecs(c.args)), MANIFEST_LIMITS.usageHint),
            }
          : {}),
        should_escape: false,
      }));
  return {
    display_information: {
      name: "Study Group",
      description: "Daily topics, quizzes, STAR practice and streaks for interview-prep study groups.",
      background_color: "#2c2d30",
    },
    features: {
      // The Messages tab shows direct messages (reminders, digests, private files); members cannot write there.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: "Study Group", always_online: true },
      slash_commands: slashCommands,
    },
    oauth_config: { scopes: { bot: BOT_SCOPES } },
    settings: {
      event_subscriptions: { bot_events: ["app_home_opened"] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}
