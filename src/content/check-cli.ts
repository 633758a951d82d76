import { resolve } from "node:path";
import { contentRenderings } from "../../commands/content-renderings.ts";
import { ContentError, formatProblem, loadContent } from "./loader.ts";
import { PLATFORMS } from "../platforms.ts";
import { overLimits, similarQuestions, thinDays, untrainedTags } from "./quality.ts";
import { unreviewedGiveaways } from "./giveaways.ts";

/**
 * `npm run content:check [dir]`: schema and cross-file checks, then quality checks: no two questions
 * alike, no likely giveaway left unreviewed, every plan day's tags trained by some question and every day by at least 5, every message fitting
 * every registered platform.
 */
function check(root: string): number {
  let content;
  try {
    content = loadContent(root);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    for (const problem of err.problems) console.error(formatProblem(problem));
    console.error(`content check failed: ${err.problems.length} problem(s)`);
    return 1;
  }
  const giveaways = unreviewedGiveaways(content);
  const problems = [
    ...similarQuestions(content),
    ...giveaways.problems,
    ...untrainedTags(content),
    ...thinDays(content),
    ...overLimits(
      content,
      PLATFORMS.map((p) => ({ platform: p.title, problems: p.limitProblems })),
      contentRenderings(content),
    ),
  ];
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`content check failed: ${problems.length} problem(s)`);
    return 1;
  }
  console.log(
    `content ok: ${content.plans.size} plan(s), ${content.topics.size} topic(s), ${content.questions.size} question(s), ` +
      `${content.star.length} STAR prompt(s), ${content.design.length} system-design prompt(s); ` +
      `${giveaways.reviewed} likely giveaway(s) reviewed as not`,
  );
  return 0;
}

process.exitCode = check(resolve(process.argv[2] ?? "content"));
