import type {
  ButtonStyle as ApiButtonStyle,
  ComponentType as ApiComponentType,
  TextInputStyle as ApiTextInputStyle,
} from "discord-api-types/v10";

/**
 * The discord-api-types enum values the renderer writes, as constants of the same types. The
 * renderer loads with Discord's descriptor in every bot, whatever platform it serves (its limit
 * check runs on all content), and importing the enums loads the whole of discord-api-types/v10;
 * test/discord-api-values.test.ts holds these to the package's own values.
 */
export const ButtonStyle = {
  Primary: 1 as ApiButtonStyle.Primary,
  Secondary: 2 as ApiButtonStyle.Secondary,
  Success: 3 as ApiButtonStyle.Success,
  Danger: 4 as ApiButtonStyle.Danger,
} as const;

export const ComponentType = {
  ActionRow: 1 as ApiComponentType.ActionRow,
  Button: 2 as ApiComponentType.Button,
  StringSelect: 3 as ApiComponentType.StringSelect,
  TextInput: 4 as ApiComponentType.TextInput,
  Label: 18 as ApiComponentType.Label,
} as const;

export const TextInputStyle = {
  Short: 1 as ApiTextInputStyle.Short,
  Paragraph: 2 as ApiTextInputStyle.Paragraph,
} as const;
