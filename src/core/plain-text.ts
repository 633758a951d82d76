import { type CommandStyle, slashCommand, writeCommands } from "./command-token.ts";
import type { Block, Message } from "./model.ts";

/** The neutral dialect without its markdown, command tokens kept for a renderer to write. */
function stripFormatting(text: string): string {
  return text
    .replace(/```[a-z]*\n?/g, "")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/<#([^>]+)>/g, "#$1");
}

/**
 * Strips the neutral markdown dialect down to plain text for notification fallbacks, writing
 * command tokens as members type them (`commands`: "/quiz" unless a platform says otherwise).
 */
export function stripMarkdown(text: string, commands: CommandStyle = slashCommand): string {
  return writeCommands(stripFormatting(text), commands);
}

function blockToText(block: Block): string | undefined {
  switch (block.type) {
    case "header":
    case "text":
    case "context":
      return block.text;
    case "section": {
      const lines: string[] = [];
      if (block.title) lines.push(block.title);
      if (block.text) lines.push(block.text);
      for (const f of block.fields ?? []) lines.push(`${f.label}: ${f.value}`);
      return lines.join("\n");
    }
    case "buttons":
    case "divider":
      return undefined;
  }
}

/**
 * The plain-text version of a message, still neutral: its own fallback, or one derived from its
 * blocks, with command tokens kept. For a message built from another one; renderers use fallbackText.
 */
export function neutralFallback(message: Message): string {
  if (message.fallback) return message.fallback;
  return stripFormatting(
    message.blocks
      .map(blockToText)
      .filter((t): t is string => Boolean(t))
      .join("\n"),
  );
}

/** The plain-text version of a message as members read it, commands written in `commands` style. */
export function fallbackText(message: Message, commands: CommandStyle = slashCommand): string {
  return writeCommands(neutralFallback(message), commands);
}

/** Shortens text to `max` characters, ending in an ellipsis when anything was cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** A button's label within `max` characters: its compact label where the full one is too long. */
export function buttonLabel(button: { label: string; compactLabel?: string }, max: number): string {
  return button.label.length > max && button.compactLabel ? button.compactLabel : button.label;
}
