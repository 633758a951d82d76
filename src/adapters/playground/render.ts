import { writeCommands } from "../../core/command-token.ts";
import type { Block, Button, Message } from "../../core/model.ts";
import { stripMarkdown } from "../../core/plain-text.ts";

export interface RenderedMessage {
  text: string;
  /** The buttons in the order they were numbered, [1] first. */
  buttons: Button[];
}

function indent(text: string, prefix = "  "): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

/**
 * Renders a neutral message as terminal text, numbering its buttons so a member can type the number to
 * click. Command tokens come out as /name, the way commands are typed here.
 */
export function renderMessage(message: Message): RenderedMessage {
  const buttons: Button[] = [];
  const renderBlock = (block: Block): string => {
    switch (block.type) {
      case "header":
        return `== ${stripMarkdown(block.text)} ==`;
      case "text":
        return stripMarkdown(block.text);
      case "section": {
        const parts: string[] = [];
        if (block.title) parts.push(`${stripMarkdown(block.title)}:`);
        if (block.text) parts.push(indent(stripMarkdown(block.text)));
        for (const f of block.fields ?? [])
          parts.push(indent(`${writeCommands(f.label)}: ${stripMarkdown(f.value)}`));
        return parts.join("\n");
      }
      case "buttons":
        return block.buttons
          .map((b) => {
            buttons.push(b);
            return `  [${buttons.length}] ${writeCommands(b.label)}`;
          })
          .join("\n");
      case "context":
        return `  (${stripMarkdown(block.text)})`;
      case "divider":
        return "  ----------------";
    }
  };
  return { text: message.blocks.map(renderBlock).join("\n"), buttons };
}
