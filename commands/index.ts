import type { Command } from "../src/core/command.ts";
import daily from "./daily.ts";
import help from "./help.ts";
import leaderboard from "./leaderboard.ts";
import mock from "./mock.ts";
import quiz from "./quiz.ts";
import star from "./star.ts";
import streak from "./streak.ts";
import studygroup from "./studygroup.ts";

/** Every slash command, in the order /help lists them. Both platform adapters register from this list. */
export const commands: readonly Command[] = [daily, quiz, star, mock, leaderboard, streak, studygroup, help];
