import { afterEach, describe, expect, it } from "vitest";
import { buttonsOf, type Harness, harness } from "./support/harness.ts";

describe("mock answers and peer review", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });
  const group = "test:w1:c1";

  async function postStarAnswer(author = h.member("alice")) {
    const opened = await h.command(author, "mock", "star");
    expect(opened.kind).toBe("form");
    const form = h.platform.forms.at(-1)?.form;
    expect(form?.fields.map((f) => f.id)).toEqual(["situation", "task", "action", "result"]);
    await h.submit(author, form?.action ?? "", {
      situation: "Our checkout API timed out under load.",
      task: "I owned bringing p99 under 300 ms.",
      action: "I profiled, added an index and a Redis cache.",
      result: "p99 fell from 2.1 s to 240 ms.",
    });
    const answer = h.platform.delivered.filter((d) => d.kind === "post").at(-1);
    const review = buttonsOf(answer?.message ?? { blocks: [] })[0]?.action ?? "";
    expect(review).toMatch(/^interview\.review:[a-z0-9]+$/);
    return { answer, review, id: review.split(":")[1] ?? "" };
  }

  it("posts a STAR answer with a Review button and a thread, and credits the author", async () => {
    h = await harness();
    const { answer, id } = await postStarAnswer();
    expect(answer?.text).toContain("Mock answer by alice");
    expect(answer?.text).toContain("p99 fell from 2.1 s to 240 ms.");
    const thread = h.platform.delivered.find((d) => d.kind === "thread");
    expect(thread?.ref?.thread).toBe(answer?.ref?.id);
    expect(h.platform.last("private").text).toContain("Your answer is posted (+10 points)");
    const mock = await h.store.getMock(group, id);
    expect(mock).toMatchObject({
      author: "u-alice",
      kind: "star",
      message: answer?.ref,
      thread: { thread: answer?.ref?.id },
    });
    expect(await h.store.memberStats(group, "u-alice")).toMatchObject({ mocks: 1, current: 1 });
    expect((await h.store.leaderboard(group, { kind: "all" }, "u-alice", 10)).me?.score).toBe(10);
  });

  it("gives points for three mock answers a day; a fourth still counts for the streak", async () => {
    h = await harness();
    for (let i = 0; i < 3; i++) await postStarAnswer();
    expect(h.platform.last("private").text).toContain("Your answer is posted (+10 points)");
    await postStarAnswer();
    expect(h.platform.last("private").text).toContain(
      "Your answer is posted (no points: mock answers earn points 3 times a day, and this one still counts for your streak)",
    );
    expect((await h.store.leaderboard(group, { kind: "all" }, "u-alice", 10)).me?.score).toBe(30);
    expect(await h.store.memberStats(group, "u-alice")).toMatchObject({ mocks: 4, current: 1 });
    h.clock.advance(24 * 3600_000);
    await postStarAnswer();
    expect(h.platform.last("private").text).toContain("(+10 points)");
  });

  it("takes rubric reviews from peers, once each and never from the author, and shows averages from two on", async () => {
    h = await harness();
    const { answer, review, id } = await postStarAnswer();
    const alice = h.member("alice");
    const bob = h.member("bob");
    const carol = h.member("carol");

    const own = await h.click(alice, review);
    expect(own.kind).toBe("private");
    expect(own.text).toContain("can't review your own answer");

    expect((await h.click(bob, review)).kind).toBe("form");
    const rubric = h.platform.forms.at(-1)?.form;
    expect(rubric?.fields.map((f) => f.id)).toEqual(["situation", "task", "action", "result", "comment"]);

    const bad = await h.submit(bob, `interview.rate:${id}`, {
      situation: "7",
      task: "x",
      action: "3",
      result: "",
      comment: "",
    });
    expect(bad.text).toContain(
      'Scores must be whole numbers from 1 to 5; please fix situation "7", task "x", result ""',
    );

    await h.submit(bob, `interview.rate:${id}`, {
      situation: "4",
      task: "3",
      action: "5",
      result: "4",
      comment: "Strong numbers.",
    });
    const first = h.platform.delivered.filter((d) => d.kind === "thread").at(-1);
    expect(first?.text).toContain("Review by bob: Situation 4 · Task 3 · Action 5 · Result 4");
    expect(first?.text).toContain("Strong numbers.");
    expect(first?.ref?.thread).toBe(answer?.ref?.id);
    expect(h.platform.last("private").text).toContain("Thanks! Your review is posted (+5 points)");

    const twice = await h.click(bob, review);
    expect(twice.text).toContain("already reviewed");
    const twiceSubmit = await h.submit(bob, `interview.rate:${id}`, {
      situation: "1",
      task: "1",
      action: "1",
      result: "1",
      comment: "",
    });
    expect(twiceSubmit.text).toContain("already reviewed");

    await h.submit(carol, `interview.rate:${id}`, {
      situation: "2",
      task: "4",
      action: "4",
      result: "5",
      comment: "",
    });
    const threadPosts = h.platform.delivered.filter((d) => d.kind === "thread").map((d) => d.text);
    expect(threadPosts.at(-1)).toContain(
      "alice, your averages after 2 reviews: Situation 3 · Task 3.5 · Action 4.5 · Result 4.5",
    );
    const edit = h.platform.last("edit");
    expect(edit.ref).toEqual(answer?.ref);
    expect(edit.text).toContain("Averages after 2 reviews");

    expect(await h.store.memberStats(group, "u-bob")).toMatchObject({ reviews: 1, current: 1 });
    expect((await h.store.leaderboard(group, { kind: "all" }, "u-bob", 10)).me?.score).toBe(5);
    const own2 = await h.submit(alice, `interview.rate:${id}`, {
      situation: "5",
      task: "5",
      action: "5",
      result: "5",
      comment: "",
    });
    expect(own2.text).toContain("can't review your own answer");
  });

  it("answers today's interview question, or the member's own, with the technical rubric", async () => {
    h = await harness({ now: "2026-03-02T12:00:00Z" });
    const alice = h.member("alice");
    await h.command(alice, "mock");
    const form = h.platform.forms.at(-1)?.form;
    expect(form?.action).toBe("interview.answer:q:node-30-day:1");
    await h.submit(alice, form?.action ?? "", { answer: "Microtasks run after each callback..." });
    const answer = h.platform.delivered.filter((d) => d.kind === "post").at(-1);
    expect(answer?.text).toContain("Day 1: Event loop deep dive");
    const review = buttonsOf(answer?.message ?? { blocks: [] })[0]?.action ?? "";
    await h.click(h.member("bob"), review);
    expect(h.platform.forms.at(-1)?.form.fields.map((f) => f.id)).toEqual([
      "correctness",
      "depth",
      "clarity",
      "comment",
    ]);

    await h.command(alice, "mock", "own");
    const own = h.platform.forms.at(-1)?.form;
    expect(own?.fields.map((f) => f.id)).toEqual(["question", "answer"]);
    const empty = await h.submit(alice, own?.action ?? "", { question: "", answer: "x" });
    expect(empty.text).toContain("Please write the question");
  });

  it("refuses forged and stale buttons and forms clearly", async () => {
    h = await harness();
    const ann = h.member("ann");
    for (const action of [
      "interview.review:nope",
      "interview.review",
      "interview.open:q:node-30-day:99",
      "interview.open:s:no-such-prompt",
      "interview.open:x",
    ]) {
      const r = await h.click(ann, action);
      expect(r.kind, action).toBe("private");
      expect(r.text, action).toMatch(/not one of mine|no longer open/);
    }
    const r = await h.submit(ann, "interview.rate:zzzz", { situation: "1" });
    expect(r.text).toContain("no longer open for review");
    const unknown = await h.command(ann, "mock", "star competency=juggling");
    expect(unknown.text).toContain('There is no STAR competency "juggling"');
  });

  it("offers the answer form from /star", async () => {
    h = await harness();
    const star = await h.command(h.member("ann"), "star");
    const button = buttonsOf(star.message)[0];
    expect(button?.label).toBe("Write my answer");
    expect((await h.click(h.member("ann"), button?.action ?? "")).kind).toBe("form");
  });
});

describe("when the platform cannot open a thread", () => {
  it("still credits the author and sends reviews to the channel", async () => {
    const h = await harness();
    try {
      const alice = h.member("alice");
      await h.command(alice, "mock", "own");
      const form = h.platform.forms.at(-1)?.form;
      const event = h.platform.event(alice, h.place, {
        kind: "form",
        action: form?.action ?? "",
        values: { question: "Why?", answer: "Because." },
      });
      event.respond.postInThread = async () => {
        throw new Error("Missing Permissions");
      };
      expect(await h.app.bot.handle(event)).toBe("ok");
      expect(h.platform.last("private").text).toContain("reviews will appear in the channel");
      expect((await h.store.leaderboard("test:w1:c1", { kind: "all" }, "u-alice", 10)).me?.score).toBe(10);
      const answer = h.platform.delivered.filter((d) => d.kind === "post").at(-1);
      const id = buttonsOf(answer?.message ?? { blocks: [] })[0]?.action.split(":")[1] ?? "";
      await h.submit(h.member("bob"), `interview.rate:${id}`, {
        correctness: "4",
        depth: "4",
        clarity: "4",
        comment: "",
      });
      expect(h.platform.delivered.filter((d) => d.kind === "post").at(-1)?.text).toContain("Review by bob");
    } finally {
      await h.close();
    }
  });
});
