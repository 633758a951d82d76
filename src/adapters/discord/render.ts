import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord-api-types/v10";
import { writeCommands } from "../../core/command-token.ts";
import type { Block, ButtonStyle as NeutralStyle, Form, Message } from "../../core/model.ts";
import { fittingActionId } from "../../core/actions.ts";
import { buttonLabel, fallbackText } from "../../core/plain-text.ts";
import { collectCuts, fitText, noteCut } from "../../core/text-limits.ts";

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
} as const;

export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: [] };
}

/** What Discord would need shortened, dropped or split to show this message; empty when it fits. */
export function limitProblems(message: Message): string[] {
  return collectCuts(() => renderMessage(message));
}

const STYLES: Record<
  NeutralStyle,
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger
> = {
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
function embedOf(blocks: Block[]): APIEmbed {
  const embed: APIEmbed = { color: 0x5865f2 };
  const description: string[] = [];
  const fields: NonNullable<APIEmbed["fields"]> = [];
  const footer: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        if (embed.title) description.push(`**${md(block.text)}**`);
        else embed.title = fitText(md(block.text), LIMITS.title);
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
            name: fitText(md(f.label), LIMITS.fieldName),
            value: fitText(md(f.value) || "\u200b", LIMITS.fieldValue),
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
  return fitEmbed(embed);
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Keeps an embed inside every per-part limit and the 6000-character total, cutting the longest parts first. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.description) e.description = fitText(e.description, LIMITS.description);
  if (e.footer) e.footer = { text: fitText(e.footer.text, LIMITS.footer) };
  if (e.fields && e.fields.length > LIMITS.fields) {
    noteCut(`${e.fields.length} fields is over ${LIMITS.fields}`);
    const kept = e.fields.slice(0, LIMITS.fields - 1);
    kept.push({ name: "…", value: `and ${e.fields.length - kept.length} more` });
    e.fields = kept;
  }
  if (embedLength(e) > LIMITS.embedTotal)
    noteCut(`an embed of ${embedLength(e)} characters is over ${LIMITS.embedTotal}`);
  while (embedLength(e) > LIMITS.embedTotal) {
    const over = embedLength(e) - LIMITS.embedTotal;
    const parts = [
      {
        len: e.description?.length ?? 0,
        cut: (n: number) => (e.description = fitText(e.description ?? "", n)),
      },
      {
        len: e.footer?.text.length ?? 0,
        cut: (n: number) => (e.footer = { text: fitText(e.footer?.text ?? "", n) }),
      },
      ...(e.fields ?? []).map((f, i) => ({
        len: f.value.length,
        cut: (n: number) => {
          const fields = [...(e.fields ?? [])];
          fields[i] = { ...f, value: fitText(f.value, Math.max(1, n)) };
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

function rowsOf(blocks: Block[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (const block of blocks) {
    if (block.type !== "buttons") continue;
    for (let i = 0; i < block.buttons.length; i += LIMITS.buttonsPerRow) {
      rows.push({
        type: ComponentType.ActionRow,
        components: block.buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
          type: ComponentType.Button,
          style: STYLES[b.style ?? "secondary"],
          label: fitText(md(buttonLabel(b, LIMITS.buttonLabel)), LIMITS.buttonLabel),
          custom_id: fittingActionId(b.action, LIMITS.customId, "Discord"),
        })),
      });
    }
  }
  if (rows.length > LIMITS.rows) noteCut(`${rows.length} rows of buttons is over ${LIMITS.rows}`);
  return rows.slice(0, LIMITS.rows);
}

/**
 * A neutral message as a Discord message. A lone text block goes out as plain content; anything
 * richer becomes an embed with buttons below it. Mentions are never pinged.
 */
export function renderMessage(message: Message): DiscordMessage {
  const components = rowsOf(message.blocks);
  const visible = message.blocks.filter((b) => b.type !== "buttons");
  const only = visible[0];
  const content = only?.type === "text" ? md(only.text) : undefined;
  if (visible.length === 1 && content !== undefined && content.length <= LIMITS.content) {
    return { content, components, allowed_mentions: { parse: [] } };
  }
  if (visible.length === 0) {
    return {
      content: fitText(fallbackText(message) || "\u200b", LIMITS.content),
      components,
      allowed_mentions: { parse: [] },
    };
  }
  return { embeds: [embedOf(visible)], components, allowed_mentions: { parse: [] } };
}

export function renderModal(form: Form): APIModalInteractionResponseCallbackData {
  return {
    custom_id: fittingActionId(form.action, LIMITS.customId, "Discord"),
    title: fitText(md(form.title), LIMITS.modalTitle),
    components: form.fields.slice(0, LIMITS.inputs).map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.id,
          label: fitText(md(f.label), LIMITS.inputLabel),
          style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required ?? true,
          max_length: Math.min(f.maxLength ?? 4000, 4000),
          ...(f.placeholder ? { placeholder: fitText(md(f.placeholder), 100) } : {}),
        },
      ],
    })),
  };
}
