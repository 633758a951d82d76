import { cmd } from "../../src/core/command-token.ts";
import type { Block, Message } from "../../src/core/model.ts";
import type { AppServices } from "../../src/app/services.ts";
import type { MemberStats } from "../../src/store/store.ts";
import { days, liveStreak } from "../../src/app/credit.ts";
import { placeOfGroup, workspaceId } from "../../src/core/group-key.ts";
import { dayOfPlan, planPosition } from "../../src/domain/plan-day.ts";
import { nextStep, progressSummary, type ProgressSummary } from "../../src/app/progress.ts";

/** A home view shows this many groups in full: two blocks each, well within even a message's 50. */
const MAX_OWN_GROUPS = 20;
const MAX_OTHER_GROUPS = 15;

interface GroupView {
  group: string;
  channel: string;
  topic: string;
  streak: string;
  points?: string;
  /** The member's review summary (as /progress shows it), for groups they study in. */
  reviews?: string;
  /** Set up by an organizer: only such groups are shown to members who have not joined them. */
  listed: boolean;
}

function hasStudied(stats: MemberStats): boolean {
  return stats.lastActive !== undefined || stats.answers + stats.checkIns + stats.mocks + stats.reviews > 0;
}

async function viewOfGroup(services: AppServices, group: string, memberId: string): Promise<GroupView> {
  const settings = await services.groups.settings(group);
  const now = services.clock.now();
  const [stats, board, progress] = await Promise.all([
    services.store.memberStats(group, memberId),
    services.store.leaderboard(group, { kind: "all" }, memberId, 1),
    progressSummary(services, group, memberId, now),
  ]);
  const plan = services.content.plans.get(settings.plan);
  const position = plan && planPosition(plan, settings, now);
  const topic =
    plan && position?.status === "active"
      ? `Day ${position.day}: ${dayOfPlan(plan, position.day)?.title ?? ""}`
      : position?.status === "before"
        ? `Starts ${position.startDate}`
        : "Plan finished";
  const joined = board.me !== undefined || hasStudied(stats);
  return {
    group,
    channel: `<#${placeOfGroup(group).channel}>`,
    topic,
    streak: `${days(liveStreak(stats, now, settings).current)} (best ${days(stats.best)})`,
    listed: settings.scheduled,
    ...(joined
      ? {
          points: board.me ? `${board.me.score} · rank ${board.me.rank} of ${board.members}` : "none yet",
          reviews: reviewsLine(progress),
        }
      : {}),
  };
}

/** The /progress summary in one line: seen, mastered, due, the weakest topics and what to do next. */
function reviewsLine(p: ProgressSummary): string {
  if (p.seen === 0) return `Nothing answered yet · ${nextStep(p)}`;
  const weakest = p.weakest.map((t) => t.title).join(", ");
  return [
    `${p.seen} of ${p.bank} seen · ${p.mastered} mastered · ${p.due} due`,
    ...(weakest ? [`weakest: ${weakest}`] : []),
    nextStep(p),
  ].join(" · ");
}

function moreLine(shown: number, total: number): Block[] {
  return total > shown ? [{ type: "context", text: `…and ${total - shown} more.` }] : [];
}

/**
 * A member's overview of one workspace: each group they study in with streak, points, rank and
 * today's topic, then the groups set up there that they could join.
 */
export async function homeMessage(
  services: AppServices,
  platform: string,
  workspace: string,
  memberId: string,
): Promise<Message> {
  const groups = (await services.store.groupsIn(workspaceId({ platform, workspace }))).sort();
  const views = await Promise.all(groups.map((group) => viewOfGroup(services, group, memberId)));
  const own = views.filter((v) => v.points !== undefined);
  // Not every channel where someone once typed /daily: only groups an organizer has set up.
  const others = views.filter((v) => v.points === undefined && v.listed);
  const blocks: Block[] = [{ type: "header", text: "Your study groups" }];
  for (const view of own.slice(0, MAX_OWN_GROUPS)) {
    blocks.push(
      { type: "divider" },
      {
        type: "section",
        title: view.channel,
        fields: [
          { label: "Streak", value: view.streak, inline: true },
          { label: "Points", value: view.points ?? "none yet", inline: true },
          { label: "Today", value: view.topic, inline: true },
          { label: "Reviews", value: view.reviews ?? "", inline: false },
        ],
      },
    );
  }
  blocks.push(...moreLine(Math.min(own.length, MAX_OWN_GROUPS), own.length));
  if (own.length === 0) {
    blocks.push({
      type: "text",
      text:
        others.length > 0
          ? `You haven't studied with a group here yet. Join one below: answer a ${cmd("quiz")} or check in with ${cmd("daily")} in its channel.`
          : `No study group here yet. Use ${cmd("daily")} in a channel to start one.`,
    });
  }
  if (others.length > 0) {
    blocks.push(
      { type: "divider" },
      {
        type: "text",
        text: [
          "**Other groups here**",
          ...others.slice(0, MAX_OTHER_GROUPS).map((v) => `${v.channel} · ${v.topic}`),
        ].join("\n"),
      },
      ...moreLine(Math.min(others.length, MAX_OTHER_GROUPS), others.length),
    );
  }
  blocks.push({
    type: "context",
    text: `Use ${cmd("quiz")}, ${cmd("daily")} and ${cmd("star")} in a group's channel to study.`,
  });
  return { blocks, fallback: "Your study groups" };
}
