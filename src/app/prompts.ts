import type { Content } from "../content/model.ts";
import type { DesignPrompt, StarPrompt } from "../content/schemas.ts";
import { UserError } from "../core/errors.ts";

function pickFrom<T>(pool: readonly T[], random: () => number): T | undefined {
  return pool[Math.floor(random() * pool.length)];
}

/** A STAR prompt, of one competency when asked; an unknown competency gets the list of known ones. */
export function pickStarPrompt(content: Content, competency?: string, random = Math.random): StarPrompt {
  const wanted = competency?.trim().toLowerCase();
  const prompt = pickFrom(
    wanted ? content.star.filter((p) => p.competency === wanted) : content.star,
    random,
  );
  if (prompt) return prompt;
  const known = [...new Set(content.star.map((p) => p.competency))].sort().join(", ");
  throw new UserError(
    "unknown-competency",
    `There is no STAR competency "${competency}". Competencies: ${known}.`,
  );
}

/** A system-design prompt, a given one when asked; an unknown id gets the list of known ones. */
export function pickDesignPrompt(content: Content, id?: string, random = Math.random): DesignPrompt {
  const wanted = id?.trim().toLowerCase();
  const prompt = pickFrom(wanted ? content.design.filter((p) => p.id === wanted) : content.design, random);
  if (prompt) return prompt;
  throw new UserError(
    "unknown-design-prompt",
    `There is no system-design prompt "${id}". Prompts: ${content.design.map((p) => p.id).join(", ")}.`,
  );
}
