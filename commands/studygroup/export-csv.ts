import { stringify } from "csv-stringify/sync";
import type { MemberStats } from "../../src/store/store.ts";

/** One member's row of the export, before it is written as CSV. */
export interface ExportRow {
  name: string;
  pointsAllTime: number;
  pointsThisMonth: number;
  pointsThisWeek: number;
  stats: MemberStats;
}

const COLUMNS = [
  "name",
  "points_all_time",
  "points_this_month",
  "points_this_week",
  "current_streak",
  "best_streak",
  "answers",
  "accuracy_percent",
  "check_ins",
  "mock_answers",
  "reviews_given",
  "last_active_day",
] as const;

/**
 * Spreadsheet apps run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
 * (OWASP's CSV injection): such a text cell is written with a leading apostrophe, which they show as
 * text. Numbers are written by the bot itself and left alone.
 */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function accuracy(stats: MemberStats): string {
  return stats.answers > 0 ? ((100 * stats.correct) / stats.answers).toFixed(1) : "";
}

/**
 * The group's members as CSV: a header, one quoted-where-needed row each, CRLF line ends (RFC 4180),
 * and a byte order mark so spreadsheet apps read the names as UTF-8.
 */
export function membersCsv(rows: readonly ExportRow[]): Buffer {
  const records = rows.map((r) => [
    r.name,
    r.pointsAllTime,
    r.pointsThisMonth,
    r.pointsThisWeek,
    r.stats.current,
    r.stats.best,
    r.stats.answers,
    accuracy(r.stats),
    r.stats.checkIns,
    r.stats.mocks,
    r.stats.reviews,
    r.stats.lastActive ?? "",
  ]);
  const text = stringify(records, {
    header: true,
    columns: [...COLUMNS],
    bom: true,
    record_delimiter: "windows",
    // Every text cell passes through neutralised(); a cast keeps the library's quoting for the rest.
    cast: { string: (value) => neutralised(value) },
  });
  return Buffer.from(text, "utf8");
}
