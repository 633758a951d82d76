import { DateTime } from "luxon";
import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters, Rating } from "ts-fsrs";
import { addDays, type Day, daysBetween, localDay } from "./calendar.ts";

/**
 * A member's memory of one question, scheduled with FSRS (ts-fsrs, the scheduler Anki uses). Every
 * answer a member gives, in a group round or in private practice, is a review of that question.
 * Days are the group's local days: FSRS sees each local date as one whole day, and a card falls due
 * at the start of its local due date, clock changes included.
 */
export interface MemoryCard {
  stability: number;
  difficulty: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  reps: number;
  lapses: number;
  learningSteps: number;
  /** The local date of the last review. */
  lastDay: Day;
  /** The local date it falls due. */
  dueDay: Day;
  /** Answers given to it, and how many were right (for accuracy per topic). */
  answers: number;
  correct: number;
}

/** The one rating rule: a wrong answer is "Again", a right one "Good". Tune it here. */
export function ratingFor(correct: boolean): Grade {
  return correct ? Rating.Good : Rating.Again;
}

/** The rule as /help states it. */
export const RATING_RULE =
  "Every answer you give, in a group round or in practice, schedules that question for you with FSRS (the scheduler Anki uses): a wrong answer counts as **Again** (it comes back soon), a right one as **Good** (it comes back later each time).";

/** A card is mastered when FSRS puts the chance of recalling it tomorrow above this. */
export const MASTERED_RETRIEVABILITY = 0.9;

// Day-sized intervals only: a group answer is not followed by same-day learning steps.
const scheduler = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: false }));

/** A local date as FSRS's instant: midnight UTC of that date, so its day arithmetic counts local days. */
function dayInstant(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toCard(card: MemoryCard): Card {
  return {
    due: dayInstant(card.dueDay),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: daysBetween(card.lastDay, card.dueDay),
    reps: card.reps,
    lapses: card.lapses,
    learning_steps: card.learningSteps,
    state: card.state,
    last_review: dayInstant(card.lastDay),
  };
}

/** The card after a review at `at` (ms), in the group's zone; `previous` undefined for a first sight. */
export function review(
  previous: MemoryCard | undefined,
  correct: boolean,
  at: number,
  timezone: string,
): MemoryCard {
  const today = localDay(at, timezone);
  const base = previous ? toCard(previous) : createEmptyCard(dayInstant(today));
  const next = scheduler.next(base, dayInstant(today), ratingFor(correct)).card;
  return {
    stability: round(next.stability),
    difficulty: round(next.difficulty),
    state: next.state,
    reps: next.reps,
    lapses: next.lapses,
    learningSteps: next.learning_steps,
    lastDay: today,
    // At least tomorrow: a question answered today is not due again today.
    dueDay: addDays(today, Math.max(1, next.scheduled_days)),
    answers: (previous?.answers ?? 0) + 1,
    correct: (previous?.correct ?? 0) + (correct ? 1 : 0),
  };
}

/** The instant (ms) a card falls due: the start of its due date in the group's zone. */
export function dueAt(card: MemoryCard, timezone: string): number {
  return DateTime.fromISO(card.dueDay, { zone: timezone }).startOf("day").toMillis();
}

/** The chance, by FSRS, that the member recalls the question on the local date of `now`. */
export function retrievability(card: MemoryCard, now: number, timezone: string): number {
  return scheduler.get_retrievability(toCard(card), dayInstant(localDay(now, timezone)), false);
}

/**
 * Mastered: FSRS expects recall above 90% still tomorrow. Not "today": on the day of a review recall
 * counts as certain, so every question answered today, even wrongly, would be mastered.
 */
export function isMastered(card: MemoryCard, now: number, timezone: string): boolean {
  const tomorrow = addDays(localDay(now, timezone), 1);
  return scheduler.get_retrievability(toCard(card), dayInstant(tomorrow), false) > MASTERED_RETRIEVABILITY;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
