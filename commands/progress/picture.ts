import type { AppContext } from "../../src/app/app-context.ts";
import type { ProgressSummary } from "../../src/app/progress.ts";
import { withPicture } from "../../src/app/with-picture.ts";
import type { Message } from "../../src/core/model.ts";
import { loadGlyphs } from "../../src/pictures/glyphs.ts";
import { picture, type Picture } from "../../src/pictures/render.ts";
import type { Store } from "../../src/store/store.ts";
import { CALENDAR_WEEKS, calendarCells, type ProgressCardData, progressCard } from "./card.ts";
import { type CardInputs, progressCardData } from "./card-data.ts";
import { cardTopics } from "./card-topics.ts";

/** Alt text: the card in words. */
export function cardAlt(data: ProgressCardData): string {
  const studied = calendarCells(data.today, data.days).filter((c) => c.count > 0).length;
  const topics = data.topics.map((t) => `${t.topic} ${t.label}`).join("; ");
  return (
    `Progress of ${data.name}: streak ${data.streak.current} (best ${data.streak.best}), ${data.points} points, ` +
    `${studied} study ${studied === 1 ? "day" : "days"} in the last ${CALENDAR_WEEKS} weeks` +
    (topics ? `. ${data.topicsAre === "mastery" ? "Mastery" : "Accuracy"}: ${topics}.` : ".")
  );
}

/** A member's progress card as a PNG, read from the store. Loads the fonts and renderer on first use. */
export async function renderProgressCard(
  store: Store,
  inputs: CardInputs,
): Promise<Picture & { data: ProgressCardData }> {
  const data = await progressCardData(store, inputs);
  const card = progressCard(data, await loadGlyphs());
  return { ...(await picture(card.svg, "progress.png", cardAlt(data))), data };
}

/**
 * The /progress reply with the member's card, where the platform takes files. Drawing it is an
 * extra: if it fails, the text goes out alone and the failure is logged.
 */
export function withProgressCard(
  ctx: AppContext,
  message: Message,
  summary: ProgressSummary,
): Promise<Message> {
  return withPicture(
    ctx,
    message,
    async () =>
      renderProgressCard(ctx.services.store, {
        group: ctx.group,
        memberId: ctx.actor.id,
        name: ctx.actor.name,
        now: ctx.now,
        calendar: await ctx.settings(),
        ...cardTopics(summary),
      }),
    "Your progress card cannot be shown here; the figures above are the same.",
    "progress card",
  );
}
