import { resolve } from "node:path";
import { ContentError, formatProblem, loadContent } from "./loader.ts";

const root = resolve(process.argv[2] ?? "content");
try {
  const content = loadContent(root);
  console.log(
    `content ok: ${content.plans.size} plan(s), ${content.topics.size} topic(s), ${content.questions.size} question(s), ` +
      `${content.star.length} STAR prompt(s), ${content.design.length} system-design prompt(s)`,
  );
} catch (err) {
  if (!(err instanceof ContentError)) throw err;
  for (const problem of err.problems) console.error(formatProblem(problem));
  console.error(`content check failed: ${err.problems.length} problem(s)`);
  process.exit(1);
}
