import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Content, ContentError, type ContentProblem } from "./model.ts";

/** What the child posts back: the content, or why it could not load it. */
export type ChildReply = { content: Content } | { problems: ContentProblem[] } | { error: string };

/**
 * The child's file and node flags. Running from the TypeScript source (npm start, the tests), the
 * child loads its file through tsx's loader; from dist/ it is plain JavaScript.
 */
function childEntry(): { file: string; execArgv: string[] } {
  const typescript = import.meta.url.endsWith(".ts");
  const file = fileURLToPath(new URL(`./load-child.${typescript ? "ts" : "js"}`, import.meta.url));
  if (!typescript) return { file, execArgv: [] };
  const tsx = createRequire(import.meta.url).resolve("tsx/esm").replace(/[.]cjs$/, ".mjs");
  return { file, execArgv: ["--import", pathToFileURL(tsx).href] };
}

/**
 * Loads and checks the content as loadContent does, in a short-lived child process, and keeps only
 * the result (sent over IPC with the structured clone algorithm, so its Maps arrive as Maps). The YAML
 * parser, the content schemas' checks and the garbage of parsing, many times what the content keeps,
 * never enter the bot's process: in a worker thread they would still leave their mark on it (V8's
 * young generation stays at the size it grew to, and the thread's malloc arena keeps what it touched),
 * while a process gives all of it back when it exits.
 */
export async function loadContentInChild(root: string): Promise<Content> {
  const { file, execArgv } = childEntry();
  const child = fork(file, [root], {
    execArgv,
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const reply = await new Promise<ChildReply>((resolve, reject) => {
      child.once("message", (message) => resolve(message as ChildReply));
      child.once("error", reject);
      // The child waits for its answer to be taken (it exits when the channel closes), so an exit first is a failure.
      child.once("exit", (code, signal) =>
        reject(new Error(`the content loader stopped (${signal ?? `exit code ${code}`}) before it answered`)),
      );
    });
    if ("problems" in reply) throw new ContentError(reply.problems);
    if ("error" in reply) throw new Error(reply.error);
    return reply.content;
  } finally {
    if (child.connected) child.disconnect();
  }
}
