import { nextStep, type ProgressSummary } from "../../src/app/progress.ts";
import type { Block, Message } from "../../src/core/model.ts";
import { FREEZE_RULE, formatFreezeDays } from "../../src/domain/freezes.ts";

/** The member's streak as /streak shows it: current run, freezes held and the days they covered. */
export interface StreakFacts {
  current: number;
  freezes: number;
  freezeDays: string[];
}

const percent = (share: number | undefined) => (share === undefined ? "–" : `${Math.round(share * 100)}%`);

/** One line per topic the member has seen: seen of the bank, accuracy, mastered, due. */
export function topicLines(summary: ProgressSummary): string {
  const seen = summary.topics.filter((t) => t.seen > 0);
  if (seen.length === 0) return "Nothing answered yet.";
  return seen
    .map(
      (t) =>
        `**${t.title}**: ${t.seen} of ${t.bank} seen · ${percent(t.accuracy)} right · ${t.mastered} mastered · ${t.due} due`,
    )
    .join("\n");
}

function streakFields(streak: StreakFacts) {
  return [
    { label: "Streak", value: `${streak.current} ${streak.current === 1 ? "day" : "days"}`, inline: true },
    { label: "Freezes held", value: `${streak.freezes} of ${FREEZE_RULE.maxHeld}`, inline: true },
    ...(streak.freezeDays.length > 0
      ? [{ label: "Freezes spent on", value: formatFreezeDays(streak.freezeDays), inline: true }]
      : []),
  ];
}

export function progressMessage(summary: ProgressSummary, streak?: StreakFacts): Message {
  const blocks: Block[] = [
    { type: "header", text: "Your progress" },
    {
      type: "section",
      fields: [
        { label: "Seen", value: `${summary.seen} of ${summary.bank} questions`, inline: true },
        {
          label: "Right",
          value: summary.answers > 0 ? percent(summary.correct / summary.answers) : "–",
          inline: true,
        },
        { label: "Mastered", value: String(summary.mastered), inline: true },
        { label: "Due now", value: String(summary.due), inline: true },
        ...(streak ? streakFields(streak) : []),
      ],
    },
    { type: "section", title: "By topic", text: topicLines(summary) },
  ];
  if (summary.weakest.length > 0)
    blocks.push({
      type: "section",
      title: "Weakest topics",
      text: summary.weakest.map((t, i) => `${i + 1}. ${t.title} (${percent(t.accuracy)} right)`).join("\n"),
    });
  blocks.push({
    type: "context",
    text: `${nextStep(summary)} · Mastered: FSRS expects you to still recall it tomorrow with more than 90% chance. Days in ${summary.timezone}.`,
  });
  return { blocks, fallback: `Your progress: ${summary.seen} of ${summary.bank} seen, ${summary.due} due` };
}
