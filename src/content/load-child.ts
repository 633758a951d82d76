import { loadContent } from "./loader.ts";
import { ContentError } from "./model.ts";
import type { ChildReply } from "./load-in-child.ts";

/**
 * The child process of loadContentInChild: loads the content directory named by its argument and
 * sends the result. It then has nothing left to do but its IPC channel, so it exits when the parent
 * closes that channel (or exits itself).
 */
function load(root: string): ChildReply {
  try {
    return { content: loadContent(root) };
  } catch (err) {
    if (err instanceof ContentError) return { problems: err.problems };
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

const root = process.argv[2];
if (!process.send || !root) throw new Error("load-child.ts runs as loadContentInChild's child process");
// Should the parent be gone before the answer is sent, there is nobody left to tell.
process.send(load(root), (err: Error | null) => {
  if (err) process.exit(1);
});
