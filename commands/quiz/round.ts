import type { AppContext } from "../../src/app/app-context.ts";
import { creditFor } from "../../src/app/credit.ts";
import { keepWithRound, ownQuestion, ownTopics, roundQuestion } from "../../src/app/own-questions.ts";
import type { AppServices } from "../../src/app/services.ts";
import type { Question } from "../../src/content/model.ts";
import { cmd } from "../../src/core/command-token.ts";
import { placeOfGroup } from "../../src/core/group-key.ts";
import { PlatformRefusal, UserError } from "../../src/core/errors.ts";
import { shortId } from "../../src/core/ids.ts";
import type { RoundRecord } from "../../src/store/store.ts";
import { localDay } from "../../src/domain/calendar.ts";
import { optionOrder } from "../../src/domain/option-order.ts";
import { findTopic, pickQuestion, resolveTopic } from "./questions.ts";
import { optionLetter, questionMessage, resultsMessage } from "./view.ts";

/** How long to wait before trying again to publish a result that no platform accepted. */
const REPUBLISH_DELAY_MS = 30_000;
/** A round's keys outlive its close by this long, so late clicks get "closed" rather than "unknown". */
const ROUND_GRACE_SECONDS = 3600;

export async function startRound(ctx: AppContext, topicInput: string | undefined): Promise<void> {
  const { content, store } = ctx.services;
  const settings = await ctx.settings();
  const recent = await store.recentQuestions(ctx.group);
  const shippedTopic = topicInput ? findTopic(content, topicInput) : undefined;
  const own = topicInput && !shippedTopic ? await ownQuestionOn(ctx, topicInput, recent) : undefined;
  const question = own ?? pickQuestion(content, settings, ctx.now, shippedTopic, recent);
  // Kept with the round, so the buttons, the scoring script and the result all use the order shown.
  const order = optionOrder(question);
  const round: RoundRecord = {
    id: shortId(),
    questionId: question.id,
    answer: order.indexOf(question.answer),
    optionCount: question.options.length,
    order,
    startedBy: ctx.actor.id,
    startedAt: ctx.now,
    closesAt: ctx.now + settings.quizSeconds * 1000,
    timezone: settings.timezone,
  };
  await store.createRound(ctx.group, round, settings.quizSeconds + ROUND_GRACE_SECONDS);
  if (own) await keepWithRound(store, ctx.group, round.id, own, settings.quizSeconds + ROUND_GRACE_SECONDS);
  // Edited with the result when the round closes, which may be an hour away.
  const ref = await ctx.reply(questionMessage(content, question, round, ctx.actor.name), { lasting: true });
  if (ref) await store.setRoundMessage(ctx.group, round.id, ref);
  ctx.services.scheduleRoundClose(ctx.group, round.id, round.closesAt);
}

/** A question from the group's own (or its workspace's) topic, avoiding recent ones while others remain. */
async function ownQuestionOn(ctx: AppContext, input: string, recent: readonly string[]): Promise<Question> {
  const topics = await ownTopics(ctx.services.store, ctx.group);
  const wanted = input.trim().toLowerCase();
  const topic = topics.find((t) => t.topic === wanted);
  if (!topic)
    resolveTopic(
      ctx.services.content,
      input,
      topics.map((t) => t.topic),
    );
  const ids = topic?.ids ?? [];
  const fresh = ids.filter((id) => !recent.includes(id));
  const pool = fresh.length > 0 ? fresh : ids;
  const id = pool[Math.floor(Math.random() * pool.length)];
  const question = id ? await ownQuestion(ctx.services.store, ctx.group, id) : undefined;
  if (!question) throw new UserError("no-questions", "There are no questions for that topic yet.");
  return question;
}

export async function answerRound(ctx: AppContext, [roundId, choice]: [string, number]): Promise<void> {
  const { store, groups } = ctx.services;
  const calendar = groups.calendarHint(ctx.group) ?? (await ctx.settings());
  let result = await store.answerRound(
    ctx.group,
    roundId,
    choice,
    ctx.now,
    creditFor(ctx.actor, ctx.now, calendar),
  );
  if (result.status === "wrong-zone") {
    // The round counts days in the zone it started in; retry once with it.
    groups.rememberZone(ctx.group, result.timezone);
    const inRoundZone = { ...calendar, timezone: result.timezone };
    result = await store.answerRound(
      ctx.group,
      roundId,
      choice,
      ctx.now,
      creditFor(ctx.actor, ctx.now, inRoundZone),
    );
  }
  switch (result.status) {
    case "accepted":
      await ctx.replyPrivately(
        ctx.text(
          `Your answer **${optionLetter(choice)}** is locked in. The answer is revealed when the round closes.`,
        ),
        // Others must not see a choice while the round is open.
        "none",
      );
      return;
    case "already":
      await ctx.replyPrivately(
        ctx.text(
          `You already answered this one (**${optionLetter(result.choice)}**). Only your first answer counts.`,
        ),
        "none",
      );
      return;
    case "closed":
      await closeRound(ctx.services, ctx.group, roundId);
      await ctx.replyPrivately(
        ctx.text(
          `This round has closed, so that answer was not counted. Start a new one with ${cmd("quiz")}.`,
        ),
        "public",
      );
      return;
    default:
      await ctx.replyPrivately(
        ctx.text(`This quiz round has expired or does not exist. Start a new one with ${cmd("quiz")}.`),
        "public",
      );
  }
}

/** The starter's (or an organizer's) "Close round" button. */
export async function closeRoundByButton(ctx: AppContext, [roundId]: [string]): Promise<void> {
  const round = await ctx.services.store.getRound(ctx.group, roundId);
  if (!round) throw new UserError("round-gone", "This quiz round has expired or does not exist.");
  if (round.startedBy !== ctx.actor.id && !(await ctx.isOrganizer())) {
    throw new UserError(
      "round-not-yours",
      "Only the member who started this round, or an organizer, can close it early.",
    );
  }
  const closed = await ctx.services.store.closeRound(ctx.group, roundId);
  if (!closed) throw new UserError("round-closed", "This round is already closed.");
  const { store, content } = ctx.services;
  const question = await roundQuestion(store, content.questions, ctx.group, round);
  await ctx.update(resultsMessage(content, closed, question));
  await settleRound(ctx.services, ctx.group, roundId);
}

/**
 * What follows a close off the answer path: the day's statistics for the weekly digest, each
 * answerer's memory of the question, then the round leaves the due list. Until then the sweep of any
 * process finds it and does this again (every step is idempotent), so a process dying after the
 * close loses nothing.
 */
async function settleRound(services: AppServices, group: string, roundId: string): Promise<void> {
  await recordStats(services, group, roundId);
  await services.store.applyRoundMemory(group, roundId);
  await services.store.finishRound(group, roundId);
}

/**
 * Counts a closed round in the statistics of its closing day in the round's zone (so every process
 * settling it picks the same day); the script reads the answers itself and counts a round once.
 */
async function recordStats(services: AppServices, group: string, roundId: string): Promise<void> {
  const { store, content } = services;
  const round = await store.getRound(group, roundId);
  if (!round) return;
  const question = await roundQuestion(store, content.questions, group, round);
  const day = localDay(Math.min(round.closesAt, services.clock.now()), round.timezone);
  await store.recordRoundStats(group, day, roundId, question?.topic ?? "other");
}

/**
 * Closes a round whose time is up and shows its result in place of the question. Safe to call from
 * every process: only the first to close it publishes.
 */
export async function closeRound(services: AppServices, group: string, roundId: string): Promise<boolean> {
  const closed = await services.store.closeRound(group, roundId);
  if (!closed) {
    await settleRound(services, group, roundId);
    return false;
  }
  const question = await roundQuestion(services.store, services.content.questions, group, closed.round);
  const message = resultsMessage(services.content, closed, question);
  const ref = closed.round.message;
  const outbox = ref && services.outboxes.get(ref.platform);
  if (!ref || !outbox) {
    services.log.warn({ group, roundId }, "closed a quiz round with no message to update");
    await settleRound(services, group, roundId);
    return true;
  }
  try {
    await outbox.edit(ref, message);
  } catch (err) {
    services.log.warn({ err, group, roundId }, "could not edit the quiz message; posting the result instead");
    try {
      await outbox.post(placeOfGroup(group), message);
    } catch (postErr) {
      // A refusal only people can fix (the bot cannot see the channel) would be refused again, and
      // every refused call counts against the platform's limit of invalid requests: not retried.
      if (postErr instanceof PlatformRefusal) throw postErr;
      // Nobody has seen the result: reopen the round for the sweep to publish later. Clicks stay
      // refused, since the round is past its closing time.
      await services.store.reopenRound(group, roundId, services.clock.now() + REPUBLISH_DELAY_MS);
      throw postErr;
    }
  }
  await settleRound(services, group, roundId);
  return true;
}
