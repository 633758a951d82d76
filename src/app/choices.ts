import type { Choice } from "../core/model.ts";
import { searchZones } from "../domain/zone-suggestions.ts";
import type { AppServices } from "./services.ts";

function matches(partial: string, ...texts: string[]): boolean {
  const wanted = partial.trim().toLowerCase();
  return !wanted || texts.some((t) => t.toLowerCase().includes(wanted));
}

/**
 * Autocomplete choices drawn from the content, never from code: topics, competencies, plans, designs.
 * Each lists every match, whole; the adapter cuts the list and the names to its platform's limits.
 */
export const choices = {
  topics: (services: AppServices, partial: string): Choice[] =>
    [...services.content.topics.values()]
      .filter((t) => matches(partial, t.topic, t.title))
      .map((t) => ({ name: `${t.title} (${t.questions.length} questions)`, value: t.topic })),
  competencies: (services: AppServices, partial: string): Choice[] =>
    [...new Set(services.content.star.map((p) => p.competency))]
      .filter((c) => matches(partial, c))
      .sort()
      .map((c) => ({ name: c, value: c })),
  plans: (services: AppServices, partial: string): Choice[] =>
    [...services.content.plans.values()]
      .filter((p) => matches(partial, p.id, p.title))
      .map((p) => ({ name: p.title, value: p.id })),
  designs: (services: AppServices, partial: string): Choice[] =>
    services.content.design
      .filter((p) => matches(partial, p.id, p.title))
      .map((p) => ({ name: p.title, value: p.id })),
  timezones: (_services: AppServices, partial: string): Choice[] =>
    searchZones(partial).map((z) => ({ name: z, value: z })),
};
