import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
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
};

/** The application command definitions Discord registers, built from the same `commands/` list the core runs. */
export function applicationCommands(
  commands: readonly CommandInfo[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
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
      };
    });
    return {
      name: command.name,
      description: command.description.slice(0, LIMITS.commandDescription),
      // Required options must come before optional ones in Discord.
      options: [...options.filter((o) => o.required), ...options.filter((o) => !o.required)],
      ...(command.organizerOnly ? { default_member_permissions: MANAGE_GUILD } : {}),
      dm_permission: false,
    } as RESTPostAPIChatInputApplicationCommandsJSONBody;
  });
}
