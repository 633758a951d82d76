import { describe, expect, it } from "vitest";
import type { AppContext } from "../src/app/app-context.ts";
import { withPicture } from "../src/app/with-picture.ts";
import type { Message } from "../src/core/model.ts";

/** The parts of a context withPicture reads: whether files go out, and where failures are logged. */
function contextWith(files: boolean, warnings: string[]): AppContext {
  return {
    group: "test:w1:c1",
    event: { capabilities: { files: files ? { maxBytes: 1e6, maxFiles: 1 } : undefined } },
    services: { log: { warn: (_fields: unknown, message: string) => warnings.push(message) } },
  } as unknown as AppContext;
}

const MESSAGE: Message = { blocks: [{ type: "text", text: "The board" }] };

describe("withPicture", () => {
  it("sends the message alone and logs what was not drawn when drawing fails", async () => {
    const warnings: string[] = [];
    const sent = await withPicture(
      contextWith(true, warnings),
      MESSAGE,
      () => Promise.reject(new Error("no fonts")),
      "fallback",
      "leaderboard picture",
    );
    expect(sent).toEqual(MESSAGE);
    expect(warnings).toEqual(["leaderboard picture not drawn"]);
  });

  it("does not draw where the platform takes no files", async () => {
    let drawn = false;
    const sent = await withPicture(
      contextWith(false, []),
      MESSAGE,
      () => {
        drawn = true;
        return Promise.reject(new Error("unreachable"));
      },
      "fallback",
      "progress card",
    );
    expect(sent).toEqual(MESSAGE);
    expect(drawn).toBe(false);
  });
});
