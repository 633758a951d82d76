import type { Content } from "../content/loader.ts";
import { planDays } from "../content/loader.ts";
import type { Plan, PlanDay, PlanWeek } from "../content/schemas.ts";
import { addDays, type Day, daysBetween, localDay } from "./calendar.ts";
import type { GroupSettings } from "./groups.ts";

export type DayOfPlan = PlanDay & { week: PlanWeek };

export type PlanPosition =
  | { status: "before"; startDate: Day; today: Day }
  | { status: "active"; day: number; today: Day }
  | { status: "finished"; lastDate: Day; today: Day };

/** Where the group stands in its plan today, counted in calendar days in the group's zone. */
export function planPosition(plan: Plan, settings: GroupSettings, now: number): PlanPosition {
  const today = localDay(now, settings.timezone);
  const offset = daysBetween(settings.startDate, today);
  const length = planDays(plan).length;
  if (offset < 0) return { status: "before", startDate: settings.startDate, today };
  if (offset >= length)
    return { status: "finished", lastDate: addDays(settings.startDate, length - 1), today };
  return { status: "active", day: offset + 1, today };
}

export function dayOfPlan(plan: Plan, day: number): DayOfPlan | undefined {
  return planDays(plan).find((d) => d.day === day);
}

export function requirePlan(content: Content, id: string): Plan {
  const plan = content.plans.get(id);
  if (!plan) throw new Error(`plan ${id} is not loaded`);
  return plan;
}
