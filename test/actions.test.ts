import { z } from "zod";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.ts";
import { defineAction, part, splitActionId } from "../src/core/actions.ts";
import { declaredActions } from "../src/core/command.ts";
import { PLATFORMS, shortestActionIdLimit } from "../src/platforms.ts";

describe("the action codec", () => {
  it("keeps every declared action within the shortest action id of every registered platform", () => {
    const limit = shortestActionIdLimit();
    expect(limit).toBe(Math.min(...PLATFORMS.map((p) => p.limits.actionId)));
    const actions = declaredActions(commands);
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) expect(action.maxLength, action.prefix).toBeLessThanOrEqual(limit);
  });

  it("builds and parses ids from one declaration, and refuses parts that do not fit", () => {
    const pick = defineAction("test.pick", z.tuple([part.id(), part.int(0, 9)]));
    const id = pick.id(["abc123", 3]);
    expect(id).toBe("test.pick:abc123:3");
    const { prefix, parts } = splitActionId(id);
    expect(prefix).toBe("test.pick");
    expect(pick.parse(parts)).toEqual(["abc123", 3]);
    expect(pick.parse(["abc123", "12"])).toBeUndefined();
    expect(pick.parse(["ABC!", "1"])).toBeUndefined();
    expect(pick.parse(["abc123", "01"])).toBeUndefined();
    expect(() => pick.id(["has:colon", 1])).toThrow("do not fit its schema");
    expect(pick.maxLength).toBe("test.pick".length + 1 + 16 + 1 + 1);
  });

  it("refuses at definition an action whose length has no bound, or whose prefix is not short words", () => {
    expect(() => defineAction("test.free", z.tuple([z.string()]))).toThrow("needs .max()");
    expect(() => defineAction("Test Free", z.tuple([part.id()]))).toThrow("short lowercase words");
  });
});
