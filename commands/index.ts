import type { AppContext } from "../src/app/app-context.ts";
import type { Command } from "../src/core/command.ts";
import bank from "./bank/command.ts";
import daily from "./daily/command.ts";
import digest from "./digest/command.ts";
import help from "./help/command.ts";
import interview from "./interview/command.ts";
import leaderboard from "./leaderboard/command.ts";
import practice from "./practice/command.ts";
import progress from "./progress/command.ts";
import quiz from "./quiz/command.ts";
import remind from "./remind/command.ts";
import star from "./star/command.ts";
import streak from "./streak/command.ts";
import studygroup from "./studygroup/command.ts";

/** Every slash command, in the order /help lists them. Every platform registers from this list. */
export const commands: readonly Command<AppContext>[] = [
  daily,
  quiz,
  practice,
  progress,
  star,
  interview,
  leaderboard,
  streak,
  remind,
  digest,
  studygroup,
  bank,
  help,
];
