import type { AppContext } from "../../src/app/app-context.ts";
import { creditFor } from "../../src/app/credit.ts";
import { shortId } from "../../src/core/ids.ts";
import type { MockRecord } from "../../src/store/store.ts";
import type { TargetParts } from "./actions.ts";
import { answerForm, readAnswer } from "./forms.ts";
import { targetFromParts, targetTitle } from "./targets.ts";
import { answerMessage, reviewThreadIntro } from "./view.ts";

/** Answers stay open for review this long. */
const ANSWER_TTL_SECONDS = 60 * 24 * 3600;

export async function openAnswerForm(ctx: AppContext, parts: TargetParts): Promise<void> {
  await ctx.openForm(answerForm(targetFromParts(ctx.services.content, parts)));
}

/** Posts a submitted answer with a Review button, opens its thread, and credits the author. */
export async function submitAnswer(
  ctx: AppContext,
  parts: TargetParts,
  values: Record<string, string>,
): Promise<void> {
  const { content, store, scoring } = ctx.services;
  const target = targetFromParts(content, parts);
  const answer = readAnswer(target, values);
  const settings = await ctx.settings();
  const mock: MockRecord = {
    id: shortId(),
    author: ctx.actor.id,
    authorName: ctx.actor.name,
    kind: target.kind === "star" ? "star" : target.kind === "design" ? "design" : "technical",
    title: targetTitle(target),
    body: JSON.stringify(answer),
    createdAt: ctx.now,
  };
  await store.createMock(ctx.group, mock, ANSWER_TTL_SECONDS);
  const message = await ctx.post(answerMessage(mock, answer));
  // The answer is out: credit it and remember where it is before anything else can fail.
  await store.setMockRefs(ctx.group, mock.id, { message });
  const points = await store.creditAction(
    ctx.group,
    creditFor(ctx.actor, ctx.now, settings),
    { points: scoring.mockPoints, perDay: scoring.mockAnswersPerDay },
    "mocks",
  );
  let note = "Peers can review it now.";
  try {
    const thread =
      message && (await ctx.postInThread(message, reviewThreadIntro(mock.authorName, answer.checklist)));
    if (thread) await store.setMockRefs(ctx.group, mock.id, { thread });
  } catch (err) {
    ctx.services.log.warn(
      { err, mock: mock.id },
      "could not open the review thread; reviews go to the channel",
    );
    note = "I could not open a thread for it, so reviews will appear in the channel.";
  }
  const earned =
    points > 0
      ? `+${points} points`
      : `no points: mock answers earn points ${scoring.mockAnswersPerDay} times a day, and this one still counts for your streak`;
  await ctx.replyPrivately(ctx.text(`Your answer is posted (${earned}). ${note}`), "public");
}
