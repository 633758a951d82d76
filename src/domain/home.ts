import type { Block, Message } from "../core/model.ts";
import type { Services } from "../core/services.ts";
import { days, liveStreak } from "./credit.ts";
import { placeOfGroup } from "./groups.ts";
import { dayOfPlan, planPosition } from "./plan-day.ts";

/** A member's overview across the groups of one workspace: streak, points, rank and today's topic. */
export async function homeMessage(
  services: Services,
  platform: string,
  workspace: string,
  memberId: string,
): Promise<Message> {
  const prefix = `${platform}:${workspace}:`;
  const groups = (await services.store.groups()).filter((g) => g.startsWith(prefix)).sort();
  const blocks: Block[] = [{ type: "header", text: "Your study groups" }];
  const now = services.clock.now();
  for (const group of groups) {
    const settings = await services.groups.settings(group);
    const [stats, board] = await Promise.all([
      services.store.memberStats(group, memberId),
      services.store.leaderboard(group, { kind: "all" }, memberId, 1),
    ]);
    const { current } = liveStreak(stats, now, settings);
    const plan = services.content.plans.get(settings.plan);
    const position = plan && planPosition(plan, settings, now);
    const topic =
      plan && position?.status === "active"
        ? `Day ${position.day}: ${dayOfPlan(plan, position.day)?.title ?? ""}`
        : position?.status === "before"
          ? `Starts ${position.startDate}`
          : "Plan finished";
    blocks.push(
      { type: "divider" },
      {
        type: "section",
        title: `<#${placeOfGroup(group).channel}>`,
        fields: [
          {
            label: "Streak",
            value: `${days(current)} (best ${days(stats.best)})`,
            inline: true,
          },
          {
            label: "Points",
            value: board.me ? `${board.me.score} · rank ${board.me.rank} of ${board.members}` : "none yet",
            inline: true,
          },
          { label: "Today", value: topic, inline: true },
        ],
      },
    );
  }
  if (groups.length === 0) {
    blocks.push({ type: "text", text: "No study group here yet. Use /daily in a channel to start one." });
  }
  blocks.push({ type: "context", text: "Use /quiz, /daily and /star in a group's channel to study." });
  return { blocks, fallback: "Your study groups" };
}
