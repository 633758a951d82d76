import { groupId } from "../core/group-key.ts";
import type { AutocompleteRequest, Choice } from "../core/model.ts";
import { searchZones } from "../domain/zone-suggestions.ts";
import { ownTopics } from "./own-questions.ts";
import type { AppServices } from "./services.ts";

function matches(partial: string, ...texts: string[]): boolean {
  const wanted = partial.trim().toLowerCase();
  return !wanted || texts.some((t) => t.toLowerCase().includes(wanted));
}

/**
 * Autocomplete choices drawn from the content (and a group's own bank), never from code: topics,
 * competencies, plans, designs.
 * Each lists every match, whole; the adapter cuts the list and the names to its platform's limits.
 */
export const choices = {
  /** The shipped topics, then the group's own and its workspace's shared ones. */
  topics: async (
    services: AppServices,
    partial: string,
    request?: AutocompleteRequest,
  ): Promise<Choice[]> => [
    ...[...services.content.topics.values()]
      .filter((t) => matches(partial, t.topic, t.title))
      .map((t) => ({ name: `${t.title} (${t.questionCount} questions)`, value: t.topic })),
    ...(request ? await ownTopics(services.store, groupId(request.place)) : [])
      .filter((t) => matches(partial, t.topic))
      .map((t) => ({ name: `${t.topic} (your group's, ${t.ids.length} questions)`, value: t.topic })),
  ],
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
