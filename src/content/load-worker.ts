import { parentPort, workerData } from "node:worker_threads";
import { ContentError, loadContent } from "./loader.ts";
import type { WorkerInput, WorkerReply } from "./load-off-thread.ts";

/** The worker of loadContentOffThread: loads the content directory it is given and posts the result. */
function load(root: string): WorkerReply {
  try {
    return { content: loadContent(root) };
  } catch (err) {
    if (err instanceof ContentError) return { problems: err.problems };
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

parentPort?.postMessage(load((workerData as WorkerInput).root));
