import type { AppContext } from "../../src/app/app-context.ts";
import { creditFor } from "../../src/app/credit.ts";
import { UserError } from "../../src/core/errors.ts";
import type { Message } from "../../src/core/model.ts";
import type { MockRecord, Review } from "../../src/store/store.ts";
import { type Answer, readScores, rubricForm } from "./forms.ts";
import { answerMessage, averages, scoreLine } from "./view.ts";

async function requireReviewable(ctx: AppContext, id: string): Promise<MockRecord> {
  const mock = await ctx.services.store.getMock(ctx.group, id);
  if (!mock) throw new UserError("answer-closed", "This answer is no longer open for review.");
  if (mock.author === ctx.actor.id)
    throw new UserError("own-answer", "You can't review your own answer. Ask a peer to press Review.");
  return mock;
}

export async function openReview(ctx: AppContext, [id]: [string]): Promise<void> {
  const mock = await requireReviewable(ctx, id);
  if (mock.reviewers?.includes(ctx.actor.id))
    throw new UserError("already-reviewed", "You have already reviewed this answer.");
  await ctx.openForm(rubricForm(mock));
}

/** Records a review once, posts it in the answer's thread, and shows the averages from the second review on. */
export async function submitReview(
  ctx: AppContext,
  [id]: [string],
  values: Record<string, string>,
): Promise<void> {
  const mock = await requireReviewable(ctx, id);
  const scores = readScores(mock, values);
  const { store, scoring } = ctx.services;
  const settings = await ctx.settings();
  const review: Review = {
    reviewer: ctx.actor.id,
    reviewerName: ctx.actor.name,
    scores,
    comment: (values.comment ?? "").trim(),
  };
  const result = await store.addReview(ctx.group, mock.id, review, creditFor(ctx.actor, ctx.now, settings), {
    points: scoring.reviewPoints,
    perDay: scoring.reviewsPerDay,
  });
  if (result.status === "already")
    throw new UserError("already-reviewed", "You have already reviewed this answer.");
  if (result.status === "own") throw new UserError("own-answer", "You can't review your own answer.");
  if (result.status === "missing")
    throw new UserError("answer-closed", "This answer is no longer open for review.");
  const post = (message: Message) => ctx.postToThread(mock.thread, message);
  await post({
    blocks: [
      {
        type: "text",
        text: `**Review by ${ctx.actor.name}**: ${scoreLine(scores)}${review.comment ? `\n${review.comment}` : ""}`,
      },
    ],
  });
  if (result.reviews.length >= 2) {
    const avg = scoreLine(averages(result.reviews));
    const summary = `Averages after ${result.reviews.length} reviews: ${avg}`;
    await post({
      blocks: [
        {
          type: "text",
          text: `**${mock.authorName}**, your ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`,
        },
      ],
    });
    if (mock.message) {
      const answer = JSON.parse(mock.body) as Answer;
      await ctx.edit(mock.message, answerMessage(mock, answer, summary));
    }
  }
  const earned =
    result.points > 0
      ? `+${result.points} points`
      : `no points: reviews earn points ${scoring.reviewsPerDay} times a day, and this one still counts for your streak`;
  await ctx.replyPrivately(ctx.text(`Thanks! Your review is posted (${earned}).`), "public");
}
