import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { z } from "zod";
import { argumentSpecs, type ArgSpec } from "../../core/args.ts";
import type { CommandInfo } from "../../core/command.ts";
import { LIMITS } from "./render.ts";

/** Manage Server: the default permission for organizer-only commands. */
const MANAGE_GUILD = String(1 << 5);

const TYPES: Record<ArgSpec["type"], ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
  file: ApplicationCommandOptionType.Attachment,
};

/** Discord's limit on a string option's length. */
const STRING_OPTION_MAX = 6000;

/** The longest text each string argument of a schema takes, from its zod `.max()`. */
function maxLengths(schema: z.ZodObject): Record<string, number> {
  const json = z.toJSONSchema(schema, { io: "input" }) as {
    properties?: Record<string, { maxLength?: number }>;
  };
  const lengths: Record<string, number> = {};
  for (const [name, p] of Object.entries(json.properties ?? {})) {
    if (p.maxLength !== undefined) lengths[name] = Math.min(p.maxLength, STRING_OPTION_MAX);
  }
  return lengths;
}

/** The application command definitions Discord registers, built from the same `commands/` list the core runs. */
export function applicationCommands(
  commands: readonly CommandInfo[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
    const lengths = maxLengths(command.args);
    const options = argumentSpecs(command.args).map((spec) => {
      const autocomplete = command.autocompleted.includes(spec.name);
      return {
        type: TYPES[spec.type],
        name: spec.name,
        description: spec.description.slice(0, LIMITS.commandDescription),
        required: spec.required,
        ...(spec.choices && !autocomplete
          ? { choices: spec.choices.slice(0, LIMITS.choices).map((c) => ({ name: c, value: c })) }
          : {}),
        ...(autocomplete ? { autocomplete: true } : {}),
        ...(spec.min !== undefined && spec.type !== "string" ? { min_value: spec.min } : {}),
        ...(spec.max !== undefined && spec.type !== "string" ? { max_value: spec.max } : {}),
        ...(spec.type === "string" && !spec.choices && lengths[spec.name] !== undefined
          ? { max_length: lengths[spec.name] }
          : {}),
      };
    });
    return {
      name: command.name,
      description: command.description.slice(0, LIMITS.commandDescription),
      // Required options must come before optional ones in Discord.
      options: [...options.filter((o) => o.required), ...options.filter((o) => !o.required)],
      ...(command.organizerOnly ? { default_member_permissions: MANAGE_GUILD } : {}),
      // In servers only, and installed to servers (dm_permission is deprecated for these).
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    } as RESTPostAPIChatInputApplicationCommandsJSONBody;
  });
}
