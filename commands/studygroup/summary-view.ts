import { planLength } from "../../src/domain/plan-day.ts";
import { cmd } from "../../src/core/command-token.ts";
import type { Message } from "../../src/core/model.ts";
import type { AppServices } from "../../src/app/services.ts";
import type { MemberSummary } from "../../src/store/store.ts";
import { type GroupSettings, planRun } from "../../src/app/groups.ts";

/** Share of a plan's days a member must have checked in on to count as having finished it. */
export const FINISH_SHARE = 0.8;
const TOP = 5;

function list(lines: string[], empty: string): string {
  return lines.length > 0 ? lines.join("\n") : empty;
}

/** The end-of-plan summary: who finished, top streaks, top scorers, answers and reviews given. */
export async function summaryMessage(
  services: AppServices,
  group: string,
  settings: GroupSettings,
): Promise<Message> {
  const plan = services.content.plans.get(settings.plan);
  const length = plan ? planLength(plan) : 0;
  const [members, board] = await Promise.all([
    services.store.members(group),
    services.store.leaderboard(group, { kind: "all" }, "", TOP),
  ]);
  const needed = Math.ceil(length * FINISH_SHARE);
  const done = (m: MemberSummary) => m.stats.progress[planRun(settings)] ?? 0;
  const finished = members
    .filter((m) => done(m) >= needed && needed > 0)
    .sort((a, b) => done(b) - done(a))
    .map((m) => `- **${m.name}**: ${done(m)} of ${length} days`);
  const streaks = members
    .filter((m) => m.stats.best > 0)
    .sort((a, b) => b.stats.best - a.stats.best || a.name.localeCompare(b.name))
    .slice(0, TOP)
    .map((m) => `- **${m.name}**: ${m.stats.best} days`);
  const scorers = board.top.map((e) => `${e.rank}. **${e.name}**: ${e.score} points`);
  const mocks = members.reduce((n, m) => n + m.stats.mocks, 0);
  const reviews = members.reduce((n, m) => n + m.stats.reviews, 0);
  const helpers = members
    .filter((m) => m.stats.reviews > 0)
    .sort((a, b) => b.stats.reviews - a.stats.reviews)
    .slice(0, TOP)
    .map((m) => `${m.name} (${m.stats.reviews})`);
  const plans = [...services.content.plans.keys()].sort().join(", ");
  return {
    blocks: [
      { type: "header", text: `${plan?.title ?? settings.plan}: the end of the plan` },
      { type: "text", text: `${members.length} members studied together. Well done, everyone!` },
      {
        type: "section",
        title: `Finished (checked in on at least ${needed} of ${length} days)`,
        text: list(finished, "Nobody reached that many check-ins this time."),
      },
      { type: "section", title: "Longest streaks", text: list(streaks, "No streaks yet.") },
      { type: "section", title: "Top scorers", text: list(scorers, "No points yet.") },
      {
        type: "section",
        title: "Mock interviews",
        text: `${mocks} answers posted and ${reviews} reviews given.${helpers.length > 0 ? ` Most reviews: ${helpers.join(", ")}.` : ""}`,
      },
      {
        type: "context",
        text: `Organizers: ${cmd("studygroup", "reset")} restarts this plan; ${cmd("studygroup", "setup plan:<id>")} switches to another (${plans}).`,
      },
    ],
    fallback: `${plan?.title ?? settings.plan} is complete: the group summary`,
  };
}
