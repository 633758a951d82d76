import type { Plan, PlanDay, PlanWeek } from "../content/schemas.ts";
import { countStudyDays, type Day, isStudyDay, localDay, nextStudyDay, nthStudyDay } from "./calendar.ts";

/** Every day of a plan in order, each with its week. */
export function planDays(plan: Plan) {
  return plan.weeks.flatMap((week) => week.days.map((day) => ({ ...day, week })));
}

export function planLength(plan: Plan): number {
  return plan.weeks.reduce((n, w) => n + w.days.length, 0);
}

/** What a group's place in its plan depends on. */
export interface PlanSchedule {
  startDate: Day;
  timezone: string;
  weekdaysOnly: boolean;
  /** The day the group was paused, when it is. */
  pausedOn?: Day;
}

export type DayOfPlan = PlanDay & { week: PlanWeek };

export type PlanPosition =
  | { status: "before"; startDate: Day; today: Day }
  | { status: "active"; day: number; today: Day; restDay: boolean }
  | { status: "finished"; lastDate: Day; today: Day };

/**
 * Where the group stands in its plan, counted in study days (every day, or weekdays only) in the
 * group's zone. A paused group stays on the day it was paused on. On a rest day (a weekend of a
 * weekday-only group) the group stays on its last study day.
 */
export function planPosition(plan: Plan, settings: PlanSchedule, now: number): PlanPosition {
  const today = settings.pausedOn ?? localDay(now, settings.timezone);
  const length = planLength(plan);
  const count = countStudyDays(settings.startDate, today, settings.weekdaysOnly, length + 1);
  if (count === 0) {
    return { status: "before", startDate: nextStudyDay(settings.startDate, settings.weekdaysOnly), today };
  }
  if (count > length) {
    return {
      status: "finished",
      lastDate: nthStudyDay(settings.startDate, length, settings.weekdaysOnly),
      today,
    };
  }
  return { status: "active", day: count, today, restDay: !isStudyDay(today, settings.weekdaysOnly) };
}

export function dayOfPlan(plan: Plan, day: number): DayOfPlan | undefined {
  return planDays(plan).find((d) => d.day === day);
}

export function requirePlan(content: { plans: ReadonlyMap<string, Plan> }, id: string): Plan {
  const plan = content.plans.get(id);
  if (!plan) throw new Error(`plan ${id} is not loaded`);
  return plan;
}
