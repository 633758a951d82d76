import { afterEach, describe, expect, it } from "vitest";
import { blocksText, type Harness, harness, realContent } from "./support/harness.ts";

const sections = (text: string) => text.split("\n");

describe("a member's home view", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const at = (workspace: string, channel: string) => ({ platform: "test", workspace, channel });

  it("shows the groups the member studies in, then the workspace's other groups, and no other workspace's", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    const kai = h.member("kai");
    const ana = h.member("ana");
    await h.command(kai, "daily", "", at("w1", "c1"));
    await h.click(kai, "daily.done:node-30-day:1", at("w1", "c1"));
    await h.command(h.member("olga", true), "studygroup", "setup days=every", at("w1", "c2"));
    await h.command(ana, "daily", "", at("w1", "c3")); // never set up: not advertised
    await h.command(h.member("olga", true), "studygroup", "setup days=every", at("w2", "c9"));

    const home = await h.app.bot.home("test", "w1", kai.id);
    const text = blocksText(home);
    expect(text).toContain("#c1");
    expect(text).toContain("Points: 5 · rank 1 of 1");
    expect(text).toContain("Today: Day 1: Event loop deep dive");
    expect(text).toContain("Streak: 1 day");
    expect(text).toContain("Reviews: Nothing answered yet · Start with /practice");
    expect(sections(text)).toContain("Other groups here");
    expect(sections(text)).toContain("#c2 · Day 1: Event loop deep dive");
    expect(text).not.toContain("c9");
    expect(text).not.toContain("c3");
    // c2 is listed once, among the others, not as one of kai's groups with "none yet".
    expect(text).not.toContain("none yet");
    expect(home.blocks.filter((b) => b.type === "section")).toHaveLength(1);
  });

  it("shows the member's review summary per group, as /progress does", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    const kai = h.member("kai");
    await h.command(kai, "practice", "caching", at("w1", "c1"));
    const session = await h.store.practiceSession("test:w1:c1", kai.id);
    if (!session) throw new Error("no session");
    const question = realContent().questions.get(session.questions[0] ?? "");
    if (!question) throw new Error("no question");
    const wrong = (session.order.indexOf(question.answer) + 1) % question.options.length;
    await h.click(kai, `practice.answer:${session.id}:0:${wrong}`, at("w1", "c1"));
    const text = blocksText(await h.app.bot.home("test", "w1", kai.id));
    expect(text).toMatch(
      /Reviews: 1 of \d+ seen · 0 mastered · 0 due · weakest: Caching and Redis · Next: \/practice caching/,
    );
  });

  it("tells a newcomer how to join, and an empty workspace how to start", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    await h.command(h.member("olga", true), "studygroup", "setup days=every", at("w1", "c1"));
    const newcomer = blocksText(await h.app.bot.home("test", "w1", "u-zed"));
    expect(newcomer).toContain("You haven't studied with a group here yet");
    expect(sections(newcomer)).toContain("#c1 · Day 1: Event loop deep dive");
    const empty = blocksText(await h.app.bot.home("test", "w-none", "u-zed"));
    expect(empty).toContain("No study group here yet. Use /daily in a channel to start one.");
    expect(empty).not.toContain("Other groups here");
  });

  it("fits a member of many groups in one view and says how many are left out", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    const kai = h.member("kai");
    for (let i = 0; i < 23; i++) {
      const channel = `c${String(i).padStart(2, "0")}`;
      await h.click(kai, "daily.done:node-30-day:1", at("w1", channel));
    }
    for (let i = 0; i < 18; i++)
      await h.command(h.member("olga", true), "studygroup", "setup days=every", at("w1", `o${i}`));
    const home = await h.app.bot.home("test", "w1", kai.id);
    expect(home.blocks.length).toBeLessThanOrEqual(50);
    expect(home.blocks.filter((b) => b.type === "section")).toHaveLength(20);
    const text = blocksText(home);
    expect(text).toContain("#c19");
    expect(text).not.toContain("#c20");
    // 23 own groups shown as 20 + 3, and 18 others listed as 15 + 3.
    expect(sections(text).filter((l) => l === "…and 3 more.")).toHaveLength(2);
    expect(sections(text).filter((l) => l.startsWith("#o"))).toHaveLength(15);
  });
});
