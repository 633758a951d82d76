import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIComponentInLabel,
  APILabelComponent,
  APIEmbed,
  APIApplicationCommandOptionChoice,
  APIModalInteractionResponseCallbackData,
} from "discord-api-types/v10";
import { ButtonStyle, ComponentType, TextInputStyle } from "./api-values.ts";
import { writeCommands } from "../../core/command-token.ts";
import type {
  Block,
  ButtonStyle as NeutralStyle,
  Choice,
  Form,
  FormField,
  Message,
} from "../../core/model.ts";
import { fittingActionId } from "../../core/actions.ts";
import { buttonLabel, fallbackText, shorten } from "../../core/plain-text.ts";
import { type Cuts, fitText } from "../../core/text-limits.ts";

/** Discord's documented limits. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  inputLabel: 45,
  inputs: 5,
  inputValue: 4000,
  placeholder: 100,
  /** A string select in a modal: its options, their label and value, and its placeholder. */
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  selectPlaceholder: 150,
  /** Autocomplete answers and a registered option's fixed choices. */
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandDescription: 100,
} as const;

export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: [] };
}

/** What Discord would need shortened, dropped or split to show this message; empty when it fits. */
export function limitProblems(message: Message): string[] {
  const cuts: Cuts = [];
  renderMessage(message, cuts);
  return cuts;
}

const STYLES: Record<NeutralStyle, (typeof ButtonStyle)[keyof typeof ButtonStyle]> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** A text of the neutral dialect as Discord markdown: the same, with command tokens written as /name. */
function md(text: string): string {
  return writeCommands(text);
}

/** Discord's markdown is the neutral dialect, except headers, which become embed titles. */
function embedOf(blocks: Block[], cuts: Cuts | undefined): APIEmbed {
  const embed: APIEmbed = { color: 0x5865f2 };
  const description: string[] = [];
  const fields: NonNullable<APIEmbed["fields"]> = [];
  const footer: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        if (embed.title) description.push(`**${md(block.text)}**`);
        else embed.title = fitText(md(block.text), LIMITS.title, cuts);
        break;
      case "text":
        description.push(md(block.text));
        break;
      case "section": {
        const title = block.title === undefined ? undefined : md(block.title);
        const text = block.text === undefined ? undefined : md(block.text);
        if (text && (title ?? "").length <= LIMITS.fieldName && text.length <= LIMITS.fieldValue) {
          fields.push({ name: title ?? "\u200b", value: text });
        } else if (text) {
          description.push(title ? `**${title}**\n${text}` : text);
        } else if (title) {
          description.push(`**${title}**`);
        }
        for (const f of block.fields ?? []) {
          fields.push({
            name: fitText(md(f.label), LIMITS.fieldName, cuts),
            value: fitText(md(f.value) || "\u200b", LIMITS.fieldValue, cuts),
            inline: f.inline ?? false,
          });
        }
        break;
      }
      case "context":
        footer.push(md(block.text));
        break;
      case "divider":
        description.push("");
        break;
      case "buttons":
        break;
    }
  }
  if (description.length > 0) embed.description = description.join("\n\n").trim();
  if (fields.length > 0) embed.fields = fields;
  if (footer.length > 0) embed.footer = { text: footer.join(" · ") };
  return fitEmbed(embed, cuts);
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Keeps an embed inside every per-part limit and the 6000-character total, cutting the longest parts
 * first; what it cuts is noted in `cuts` when given.
 */
export function fitEmbed(embed: APIEmbed, cuts?: Cuts): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.description) e.description = fitText(e.description, LIMITS.description, cuts);
  if (e.footer) e.footer = { text: fitText(e.footer.text, LIMITS.footer, cuts) };
  if (e.fields && e.fields.length > LIMITS.fields) {
    cuts?.push(`${e.fields.length} fields is over ${LIMITS.fields}`);
    const kept = e.fields.slice(0, LIMITS.fields - 1);
    kept.push({ name: "…", value: `and ${e.fields.length - kept.length} more` });
    e.fields = kept;
  }
  if (embedLength(e) > LIMITS.embedTotal)
    cuts?.push(`an embed of ${embedLength(e)} characters is over ${LIMITS.embedTotal}`);
  while (embedLength(e) > LIMITS.embedTotal) {
    const over = embedLength(e) - LIMITS.embedTotal;
    const parts = [
      {
        len: e.description?.length ?? 0,
        cut: (n: number) => (e.description = fitText(e.description ?? "", n, cuts)),
      },
      {
        len: e.footer?.text.length ?? 0,
        cut: (n: number) => (e.footer = { text: fitText(e.footer?.text ?? "", n, cuts) }),
      },
      ...(e.fields ?? []).map((f, i) => ({
        len: f.value.length,
        cut: (n: number) => {
          const fields = [...(e.fields ?? [])];
          fields[i] = { ...f, value: fitText(f.value, Math.max(1, n), cuts) };
          e.fields = fields;
        },
      })),
    ].sort((a, b) => b.len - a.len);
    const longest = parts[0];
    if (!longest || longest.len <= 1) break;
    longest.cut(Math.max(1, longest.len - over - 1));
  }
  return e;
}

function rowsOf(
  blocks: Block[],
  cuts: Cuts | undefined,
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (const block of blocks) {
    if (block.type !== "buttons") continue;
    for (let i = 0; i < block.buttons.length; i += LIMITS.buttonsPerRow) {
      rows.push({
        type: ComponentType.ActionRow,
        components: block.buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
          type: ComponentType.Button,
          style: STYLES[b.style ?? "secondary"],
          label: fitText(md(buttonLabel(b, LIMITS.buttonLabel)), LIMITS.buttonLabel, cuts),
          custom_id: fittingActionId(b.action, LIMITS.customId, "Discord"),
        })),
      });
    }
  }
  if (rows.length > LIMITS.rows) cuts?.push(`${rows.length} rows of buttons is over ${LIMITS.rows}`);
  return rows.slice(0, LIMITS.rows);
}

/**
 * A neutral message as a Discord message. A lone text block goes out as plain content; anything
 * richer becomes an embed with buttons below it. Mentions are never pinged. Whatever it shortens,
 * drops or splits to fit Discord's limits is noted in `cuts` when given.
 */
export function renderMessage(message: Message, cuts?: Cuts): DiscordMessage {
  const components = rowsOf(message.blocks, cuts);
  const visible = message.blocks.filter((b) => b.type !== "buttons");
  const only = visible[0];
  const content = only?.type === "text" ? md(only.text) : undefined;
  if (visible.length === 1 && content !== undefined && content.length <= LIMITS.content) {
    return { content, components, allowed_mentions: { parse: [] } };
  }
  if (visible.length === 0) {
    return {
      content: fitText(fallbackText(message) || "\u200b", LIMITS.content, cuts),
      components,
      allowed_mentions: { parse: [] },
    };
  }
  return { embeds: [embedOf(visible, cuts)], components, allowed_mentions: { parse: [] } };
}

/**
 * A neutral message as the body of an edit. Discord keeps the fields an edit leaves out, so an edit
 * that turns an embed into plain text (or back) clears the other one.
 */
export function renderEdit(message: Message, cuts?: Cuts): DiscordMessage {
  const rendered = renderMessage(message, cuts);
  return rendered.embeds ? { content: "", ...rendered } : { ...rendered, embeds: [] };
}

/** An option's value comes back as the member's choice: one too long is a bug, never cut. */
function optionValue(value: string): string {
  if (value.length > LIMITS.optionValue)
    throw new Error(
      `select option value "${value.slice(0, 40)}…" is over Discord's ${LIMITS.optionValue} characters`,
    );
  return value;
}

/** A form field as the component a Label wraps: a string select for a select, else a text input. */
function fieldComponent(field: FormField, cuts: Cuts | undefined): APIComponentInLabel {
  const required = field.required ?? true;
  const placeholder = field.placeholder
    ? fitText(
        md(field.placeholder),
        field.kind === "select" ? LIMITS.selectPlaceholder : LIMITS.placeholder,
        cuts,
      )
    : undefined;
  if (field.kind === "select") {
    if (field.options.length > LIMITS.selectOptions)
      cuts?.push(`${field.options.length} options is over ${LIMITS.selectOptions}`);
    return {
      type: ComponentType.StringSelect,
      custom_id: field.id,
      required,
      ...(placeholder ? { placeholder } : {}),
      options: field.options.slice(0, LIMITS.selectOptions).map((o) => ({
        label: fitText(md(o.label), LIMITS.optionLabel, cuts),
        value: optionValue(o.value),
        ...(o.value === field.initial ? { default: true } : {}),
      })),
    };
  }
  if (field.kind === "file")
    throw new Error("file fields are for platforms whose forms take files (capabilities.formFiles)");
  const maxLength = Math.min(field.maxLength ?? LIMITS.inputValue, LIMITS.inputValue);
  return {
    type: ComponentType.TextInput,
    custom_id: field.id,
    style: field.kind !== "search" && field.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required,
    max_length: maxLength,
    ...(field.initial ? { value: fitText(field.initial, maxLength, cuts) } : {}),
    ...(placeholder ? { placeholder } : {}),
  };
}

/**
 * A neutral form as a modal: each field a Label around a text input or a string select (Discord has
 * no searchable select in modals, so a search field is a text input the feature checks on
 * submission). What it shortens or drops is noted in `cuts` when given.
 */
export function renderModal(form: Form, cuts?: Cuts): APIModalInteractionResponseCallbackData {
  if (form.fields.length > LIMITS.inputs) cuts?.push(`${form.fields.length} inputs is over ${LIMITS.inputs}`);
  return {
    custom_id: fittingActionId(form.action, LIMITS.customId, "Discord"),
    title: fitText(md(form.title), LIMITS.modalTitle, cuts),
    components: form.fields.slice(0, LIMITS.inputs).map((f): APILabelComponent => ({
      type: ComponentType.Label,
      label: fitText(md(f.label), LIMITS.inputLabel, cuts),
      component: fieldComponent(f, cuts),
    })),
  };
}

/**
 * The core's autocomplete suggestions as Discord takes them: the first 25, names shortened to 100
 * characters. A suggestion whose value is over 100 characters is left out, since shortening it would
 * change what the member picks and Discord refuses the whole answer for it.
 */
export function renderChoices(choices: readonly Choice[]): APIApplicationCommandOptionChoice<string>[] {
  return choices
    .filter((c) => c.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((c) => ({ name: shorten(c.name, LIMITS.choiceName), value: c.value }));
}
