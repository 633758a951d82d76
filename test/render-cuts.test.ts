import { describe, expect, it } from "vitest";
import * as discord from "../src/adapters/discord/render.ts";
import * as slack from "../src/adapters/slack/render.ts";
import type { Block, Message } from "../src/core/model.ts";
import { type Cuts, fitText } from "../src/core/text-limits.ts";

/** Each renderer with its collector as the last argument, the way the content check calls it. */
const RENDERERS = [
  {
    platform: "Discord",
    render: (message: Message, cuts?: Cuts) => discord.renderMessage(message, cuts),
    limitProblems: discord.limitProblems,
  },
  {
    platform: "Slack",
    render: (message: Message, cuts?: Cuts) => slack.renderMessage(message, undefined, undefined, cuts),
    limitProblems: slack.limitProblems,
  },
];

const header = (n: number): Message => ({
  blocks: [
    { type: "header", text: "H".repeat(n) },
    { type: "text", text: "body" },
  ],
});
const buttons = (n: number): Message => ({
  blocks: [
    { type: "text", text: "pick" },
    { type: "buttons", buttons: [{ action: "a:1", label: "B".repeat(n) }] },
  ],
});
const fits: Message = { blocks: [{ type: "text", text: "short and sweet" }] };

describe("fitText", () => {
  it("notes a cut only in the collector it is given, and shortens the same with or without one", () => {
    const cuts: Cuts = [];
    expect(fitText("abcdef", 4, cuts)).toBe("abc…");
    expect(fitText("abcdef", 4)).toBe("abc…");
    expect(fitText("abc", 4, cuts)).toBe("abc");
    expect(cuts).toEqual(['"abcdef"… is over 4 characters']);
  });
});

describe.each(RENDERERS)("$platform rendering notes its cuts in its own collector", (r) => {
  it("renders the same with a collector as without one, and the collector holds what limitProblems reports", () => {
    for (const message of [header(400), buttons(120), fits]) {
      const cuts: Cuts = [];
      expect(r.render(message, cuts)).toEqual(r.render(message));
      expect(cuts).toEqual(r.limitProblems(message));
    }
    expect(r.limitProblems(header(400)).length).toBeGreaterThan(0);
    expect(r.limitProblems(buttons(120)).length).toBeGreaterThan(0);
    expect(r.limitProblems(fits)).toEqual([]);
  });

  it("keeps two interleaved renderings' cuts apart", () => {
    const first: Cuts = [];
    const second: Cuts = [];
    r.render(header(400), first);
    r.render(buttons(120), second);
    r.render(fits, second);
    r.render(buttons(130), first);
    expect(first).toEqual([...r.limitProblems(header(400)), ...r.limitProblems(buttons(130))]);
    expect(second).toEqual(r.limitProblems(buttons(120)));
  });

  it("keeps a rendering made during another's collection out of it", () => {
    const inner: Cuts = [];
    // A block that renders other messages while the outer rendering reads it: one with its own collector,
    // one without (as the running bot renders), neither of which may land in the outer collection.
    const nested: Block = {
      type: "text",
      get text() {
        r.render(header(500), inner);
        r.render(buttons(140));
        return "outer body";
      },
    };
    const outer = r.limitProblems({ blocks: [{ type: "header", text: "O".repeat(400) }, nested] });
    expect(outer).toEqual(r.limitProblems(header(400)).map((cut) => cut.replaceAll("H", "O")));
    expect(outer.join("\n")).not.toContain("HHH");
    expect(outer.join("\n")).not.toContain("BBB");
    expect(inner.length).toBeGreaterThan(0);
    expect(inner.every((cut) => !cut.includes("OOO"))).toBe(true);
  });
});
