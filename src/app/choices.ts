import type { Choice } from "../core/model.ts";
import type { AppServices } from "./services.ts";

const MAX = 25;

function matches(partial: string, ...texts: string[]): boolean {
  const wanted = partial.trim().toLowerCase();
  return !wanted || texts.some((t) => t.toLowerCase().includes(wanted));
}

/** Autocomplete choices drawn from the content, never from code: topics, competencies, plans, designs. */
export const choices = {
  topics: (services: AppServices, partial: string): Choice[] =>
    [...services.content.topics.values()]
      .filter((t) => matches(partial, t.topic, t.title))
      .slice(0, MAX)
      .map((t) => ({ name: `${t.title} (${t.questions.length} questions)`, value: t.topic })),
  competencies: (services: AppServices, partial: string): Choice[] =>
    [...new Set(services.content.star.map((p) => p.competency))]
      .filter((c) => matches(partial, c))
      .sort()
      .slice(0, MAX)
      .map((c) => ({ name: c, value: c })),
  plans: (services: AppServices, partial: string): Choice[] =>
    [...services.content.plans.values()]
      .filter((p) => matches(partial, p.id, p.title))
      .slice(0, MAX)
      .map((p) => ({ name: p.title.slice(0, 100), value: p.id })),
  designs: (services: AppServices, partial: string): Choice[] =>
    services.content.design
      .filter((p) => matches(partial, p.id, p.title))
      .slice(0, MAX)
      .map((p) => ({ name: p.title.slice(0, 100), value: p.id })),
  timezones: (_services: AppServices, partial: string): Choice[] =>
    Intl.supportedValuesOf("timeZone")
      .filter((z) => matches(partial, z))
      .slice(0, MAX)
      .map((z) => ({ name: z, value: z })),
};
