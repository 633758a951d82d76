import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type Content, ContentError, type ContentProblem } from "./loader.ts";

/** What the worker posts back: the content, or why it could not load it. */
export type WorkerReply = { content: Content } | { problems: ContentProblem[] } | { error: string };

/** What the worker is given: the content directory, and its own file. */
export interface WorkerInput {
  root: string;
  file: string;
}

/**
 * Running from the TypeScript source (npm start, the tests), Node 20 does not pass tsx's loader on to
 * workers, so the worker imports its file through tsx's API; from dist/ it is plain JavaScript.
 */
const THROUGH_TSX = `
const { workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
import(pathToFileURL(workerData.tsx).href).then(({ tsImport }) => tsImport(workerData.file, workerData.file));
`;

function startWorker(root: string): Worker {
  const typescript = import.meta.url.endsWith(".ts");
  const file = fileURLToPath(new URL(`./load-worker.${typescript ? "ts" : "js"}`, import.meta.url));
  if (!typescript) return new Worker(file, { workerData: { root, file } satisfies WorkerInput });
  const tsx = createRequire(import.meta.url).resolve("tsx/esm/api").replace(/[.]cjs$/, ".mjs");
  return new Worker(THROUGH_TSX, { eval: true, execArgv: [], workerData: { root, file, tsx } });
}

/**
 * Loads and checks the content as loadContent does, in a worker thread. Parsing YAML allocates many
 * times what the content keeps, and in the bot's own heap that peak would stay resident (V8 keeps its
 * young generation at the size it grew to, about 30 MB). The worker's heap is freed when it ends; the bot
 * keeps only the structured-clone copy of the result.
 */
export async function loadContentOffThread(root: string): Promise<Content> {
  const worker = startWorker(root);
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the content loader stopped (exit code ${code})`)));
    });
    if ("problems" in reply) throw new ContentError(reply.problems);
    if ("error" in reply) throw new Error(reply.error);
    return reply.content;
  } finally {
    await worker.terminate();
  }
}
