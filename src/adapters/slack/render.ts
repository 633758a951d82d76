import type {
  ActionsBlock,
  Button as SlackButton,
  InputBlock,
  KnownBlock,
  ModalView,
  SectionBlock,
} from "@slack/types";
import { type CommandStyle, slashCommand, writeCommands } from "../../core/command-token.ts";
import type { Block, Choice, Form, FormField, Message } from "../../core/model.ts";
import { fittingActionId } from "../../core/actions.ts";
import { buttonLabel, fallbackText } from "../../core/plain-text.ts";
import { type Cuts, fitText } from "../../core/text-limits.ts";

/** Block Kit's documented limits. */
export const LIMITS = {
  blocks: 50,
  /** Modals and the App Home tab hold twice as many blocks as a message. */
  homeBlocks: 100,
  text: 3000,
  header: 150,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  elementsPerActions: 25,
  contextElements: 10,
  fallback: 4000,
  modalTitle: 24,
  modalInputs: 100,
  inputLabel: 2000,
  inputValue: 3000,
  placeholder: 150,
  /** A select's options (static, or an options request's answer), their text and value. */
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
} as const;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** What Slack would need shortened, dropped or split to show this message; empty when it fits. */
export function limitProblems(message: Message): string[] {
  const cuts: Cuts = [];
  renderMessage(message, LIMITS.blocks, slashCommand, cuts);
  return cuts;
}

/** Escapes &, < and > so that text can never become a mention or a link. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Slack's code blocks take no language tag: "```js" would show "js" as the block's first line. Drops
 * a bare word right after an opening fence when a line break follows it.
 */
function withoutFenceLanguages(text: string): string {
  return text
    .split("```")
    .map((piece, i) => (i % 2 === 1 ? piece.replace(/^[\w#+.-]+(?=\r?\n)/, "") : piece))
    .join("```");
}

/**
 * The neutral dialect in Slack mrkdwn: **bold** becomes *bold*; command tokens are written as members
 * type them in this workspace (`commands`); &, < and > are escaped so member text can never become a
 * mention, except the channel mentions the core writes as <#ID>.
 */
export function toMrkdwn(text: string, commands: CommandStyle = slashCommand): string {
  return withoutFenceLanguages(writeCommands(text, commands))
    .replace(/&/g, "&amp;")
    .replace(/<(?!#[A-Z0-9]+>)/g, "&lt;")
    .replace(/(?<!<#[A-Z0-9]+)>/g, "&gt;")
    .replace(/\*\*(.+?)\*\*/g, "*$1*");
}

function plain(text: string, max: number, commands: CommandStyle, cuts: Cuts | undefined) {
  return {
    type: "plain_text" as const,
    text: fitText(writeCommands(text, commands), max, cuts),
    emoji: true,
  };
}

const FENCE = "```";
/** Room for the "\n```" that closes a code block cut at the end of a section. */
const FENCE_ROOM = FENCE.length + 1;

/**
 * Where to cut long mrkdwn at `max` or before: a line break in the second half if there is one;
 * otherwise never inside an escaped character, a run of backticks or a <#C…> channel mention.
 */
function cutAt(text: string, max: number): number {
  const newline = text.lastIndexOf("\n", max);
  if (newline > max / 2) return newline;
  let cut = max;
  const entity = text.lastIndexOf("&", cut - 1);
  if (entity > cut - 6 && !text.slice(entity, cut).includes(";")) cut = entity;
  while (cut > 1 && text[cut - 1] === "`" && text[cut] === "`") cut--;
  const mention = text.lastIndexOf("<", cut - 1);
  if (mention >= 0 && cut - mention < 40 && !text.slice(mention, cut).includes(">")) cut = mention;
  return cut > 0 ? cut : max;
}

function opensCode(piece: string): boolean {
  return piece.split(FENCE).length % 2 === 0;
}

/**
 * Splits long mrkdwn into sections of at most 3000 characters, at line breaks where possible. A code
 * block cut in two (or never closed) is closed at the end of one section and opened again in the next.
 */
function sections(text: string, commands: CommandStyle, cuts: Cuts | undefined): SectionBlock[] {
  const out: SectionBlock[] = [];
  let rest = toMrkdwn(text, commands);
  if (rest.length > LIMITS.text)
    cuts?.push(`a text of ${rest.length} characters is split over several sections`);
  let reopen = "";
  while (rest.length > 0) {
    rest = reopen + rest;
    // The rest fits whole unless it is too long, or too long to close a code block it leaves open.
    const fits = rest.length <= LIMITS.text - (opensCode(rest) ? FENCE_ROOM : 0);
    const end = fits ? rest.length : cutAt(rest, LIMITS.text - FENCE_ROOM);
    const piece = rest.slice(0, end);
    const open = opensCode(piece);
    out.push({ type: "section", text: { type: "mrkdwn", text: open ? `${piece}\n${FENCE}` : piece } });
    reopen = open ? `${FENCE}\n` : "";
    rest = rest.slice(end).replace(/^\n/, "");
  }
  return out;
}

function blockToSlack(block: Block, commands: CommandStyle, cuts: Cuts | undefined): KnownBlock[] {
  switch (block.type) {
    case "header":
      return [{ type: "header", text: plain(block.text, LIMITS.header, commands, cuts) }];
    case "text":
      return sections(block.text, commands, cuts);
    case "section": {
      const body = [block.title ? `**${block.title}**` : "", block.text ?? ""].filter(Boolean).join("\n");
      const out: SectionBlock[] = body ? sections(body, commands, cuts) : [];
      const fields = (block.fields ?? []).map((f) => ({
        type: "mrkdwn" as const,
        text: fitText(toMrkdwn(`**${f.label}**\n${f.value}`, commands), LIMITS.fieldText, cuts),
      }));
      // A section holds a text and up to ten fields together: the first ten share the last text's block.
      const last = out[out.length - 1];
      for (let i = 0; i < fields.length; i += LIMITS.fields) {
        const chunk = fields.slice(i, i + LIMITS.fields);
        if (i === 0 && last) last.fields = chunk;
        else out.push({ type: "section", fields: chunk });
      }
      return out;
    }
    case "context":
      return [
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: fitText(toMrkdwn(block.text, commands), LIMITS.text, cuts) }],
        },
      ];
    case "divider":
      return [{ type: "divider" }];
    case "buttons": {
      const out: ActionsBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += LIMITS.elementsPerActions) {
        out.push({
          type: "actions",
          elements: block.buttons.slice(i, i + LIMITS.elementsPerActions).map((b) => {
            const button: SlackButton = {
              type: "button",
              text: plain(buttonLabel(b, LIMITS.buttonText), LIMITS.buttonText, commands, cuts),
              action_id: fittingActionId(b.action, LIMITS.actionId, "Slack"),
              value: b.action,
            };
            if (b.style === "primary" || b.style === "success") button.style = "primary";
            if (b.style === "danger") button.style = "danger";
            return button;
          }),
        });
      }
      return out;
    }
  }
}

/**
 * A neutral message as Block Kit with its plain-text notification fallback, within every limit
 * (`maxBlocks`: 50 for a message, 100 for the App Home), command tokens written in `commands`, the
 * workspace's naming. The fallback is escaped like the blocks: member text in a notification must not
 * become a mention either. Whatever it shortens, drops or splits to fit is noted in `cuts` when given.
 */
export function renderMessage(
  message: Message,
  maxBlocks: number = LIMITS.blocks,
  commands: CommandStyle = slashCommand,
  cuts?: Cuts,
): SlackMessage {
  let blocks = message.blocks.flatMap((block) => blockToSlack(block, commands, cuts));
  if (blocks.length > maxBlocks) {
    cuts?.push(`${blocks.length} blocks is over ${maxBlocks}`);
    // Keep the buttons: drop content blocks from the end of the body first.
    const actions = blocks.filter((b) => b.type === "actions");
    const others = blocks.filter((b) => b.type !== "actions").slice(0, maxBlocks - actions.length - 1);
    const note: KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: "…(shortened)" }] };
    blocks = [...others, note, ...actions].slice(0, maxBlocks);
  }
  return {
    text: escapeSlack(fitText(fallbackText(message, commands) || " ", LIMITS.fallback, cuts)),
    blocks,
  };
}

/** Where a search field's options come from, carried in its action id: `suggest:<command>:<option>`. */
export const SUGGEST_PREFIX = "suggest";

/** The command option a search field's action id asks for suggestions from, or undefined for any other id. */
export function suggestionSource(actionId: string): { command: string; option: string } | undefined {
  const [prefix, command, option, ...rest] = actionId.split(":");
  if (prefix !== SUGGEST_PREFIX || !command || !option || rest.length > 0) return undefined;
  return { command, option };
}

function option(label: string, value: string, commands: CommandStyle, cuts: Cuts | undefined) {
  if (value.length > LIMITS.optionValue)
    throw new Error(
      `select option value "${value.slice(0, 40)}…" is over Slack's ${LIMITS.optionValue} characters`,
    );
  return { text: plain(label, LIMITS.optionText, commands, cuts), value };
}

/**
 * A form field as an input element: a static_select for a select, an external_select for a search
 * field (its options loaded from the bot as the member types), else a plain_text_input.
 */
function fieldElement(
  field: FormField,
  commands: CommandStyle,
  cuts: Cuts | undefined,
): InputBlock["element"] {
  const placeholder = field.placeholder
    ? { placeholder: plain(field.placeholder, LIMITS.placeholder, commands, cuts) }
    : {};
  if (field.kind === "file") {
    // Block Kit's file_input: the submission carries the files' ids (read with files.info).
    return { type: "file_input", action_id: field.id, filetypes: field.accept, max_files: 1 };
  }
  if (field.kind === "select") {
    if (field.options.length > LIMITS.selectOptions)
      cuts?.push(`${field.options.length} options is over ${LIMITS.selectOptions}`);
    const options = field.options
      .slice(0, LIMITS.selectOptions)
      .map((o) => option(o.label, o.value, commands, cuts));
    const initial = options.find((o) => o.value === field.initial);
    return {
      type: "static_select",
      action_id: field.id,
      options,
      ...(initial ? { initial_option: initial } : {}),
      ...placeholder,
    };
  }
  if (field.kind === "search") {
    const { command, option: name } = field.suggest;
    return {
      type: "external_select",
      action_id: fittingActionId(`${SUGGEST_PREFIX}:${command}:${name}`, LIMITS.actionId, "Slack"),
      min_query_length: 1,
      ...(field.initial ? { initial_option: option(field.initial, field.initial, commands, cuts) } : {}),
      ...placeholder,
    };
  }
  return {
    type: "plain_text_input",
    action_id: field.id,
    multiline: field.multiline ?? false,
    ...(field.maxLength ? { max_length: Math.min(field.maxLength, LIMITS.inputValue) } : {}),
    ...(field.initial
      ? { initial_value: fitText(field.initial, field.maxLength ?? LIMITS.inputValue, cuts) }
      : {}),
    ...placeholder,
  };
}

/**
 * A neutral form as a modal; `metadata` travels back with the submission. Each field is an input block
 * whose block_id is the field's id: the submission's values and the errors shown under fields are
 * keyed by it. What it shortens or drops is noted in `cuts` when given.
 */
export function renderModal(
  form: Form,
  metadata: string,
  commands: CommandStyle = slashCommand,
  cuts?: Cuts,
): ModalView {
  return {
    type: "modal",
    callback_id: fittingActionId(form.action, LIMITS.actionId, "Slack"),
    title: plain(form.title, LIMITS.modalTitle, commands, cuts),
    submit: plain(form.submitLabel ?? "Submit", LIMITS.modalTitle, commands, cuts),
    close: plain("Cancel", LIMITS.modalTitle, commands, cuts),
    private_metadata: metadata,
    blocks: form.fields.map((f): InputBlock => ({
      type: "input",
      block_id: f.id,
      optional: !(f.required ?? true),
      label: plain(f.label, LIMITS.inputLabel, commands, cuts),
      element: fieldElement(f, commands, cuts),
    })),
  };
}

/** Suggestions as an options request's answer: the first 100, each as a select option. */
export function renderOptions(choices: readonly Choice[], commands: CommandStyle = slashCommand) {
  return {
    options: choices
      .filter((c) => c.value.length <= LIMITS.optionValue)
      .slice(0, LIMITS.selectOptions)
      .map((c) => option(c.name, c.value, commands, undefined)),
  };
}
