import type { Block, Message } from "./model.ts";

/** Strips the neutral markdown dialect down to plain text for notification fallbacks. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/```[a-z]*\n?/g, "")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/<#([^>]+)>/g, "#$1");
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

/** The plain-text version of a message: its own fallback, or one derived from its blocks. */
export function fallbackText(message: Message): string {
  if (message.fallback) return message.fallback;
  return stripMarkdown(
    message.blocks
      .map(blockToText)
      .filter((t): t is string => Boolean(t))
      .join("\n"),
  );
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
