import { afterEach, describe, expect, it } from "vitest";
import { BANK_QUESTIONS_MAX } from "../src/content/bank-import.ts";
import type { Message } from "../src/core/model.ts";
import { buttonsOf, type Harness, harness } from "./support/harness.ts";
import { GOOD_YAML } from "./support/acme-bank.ts";

const GROUP = "test:w1:c1";

const CSV = `id,topic,difficulty,question,option_a,option_b,option_c,correct,explanation,tags
acme-http-idempotent,acme-http,easy,"Which HTTP method is idempotent by definition?",POST,PUT,PATCH,b,"PUT replaces the resource, so repeating it leaves the same state.",api-design
acme-http-status,acme-http,easy,"A client sends a malformed JSON body. Which status fits?",400,404,503,a,"400 Bad Request says the request itself is wrong.",api-design
`;

function roundIdOf(message: Message): string {
  const action = buttonsOf(message).find((b) => b.action.startsWith("quiz.answer:"))?.action;
  if (!action) throw new Error("no answer buttons");
  return action.split(":")[1] as string;
}

describe("/bank", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const organizer = () => h.member("olga", true);
  const importYaml = (text: string, scope = "group", place = h.place) =>
    h.submit(organizer(), `bank.import:${scope}:auto`, { text }, place);

  it("opens the import form for organizers only, and imports YAML all or nothing", async () => {
    h = await harness();
    const form = await h.command(organizer(), "bank", "import");
    expect(form.kind).toBe("form");
    expect(h.platform.forms.at(-1)?.form.fields.map((f) => f.id)).toEqual(["text"]);
    const refused = await h.command(h.member("bob"), "bank", "import");
    expect(refused.text).toContain("Only organizers can import questions");

    const done = await importYaml(GOOD_YAML);
    expect(done.kind).toBe("private");
    expect(done.text).toContain("Imported 2 question(s) on acme-onsite into the group's bank (2 in all)");
    const listed = await h.command(organizer(), "bank", "list");
    expect(listed.kind).toBe("private");
    expect(listed.text).toContain("acme-onsite (2): acme-index-choice, acme-queue-choice");

    // A second import with one taken id saves nothing, not even its new question.
    const again = GOOD_YAML.replace("acme-index-choice", "acme-index-choice-two").replace(
      "default secondary index",
      "primary key index",
    );
    const taken = await importYaml(again);
    expect(taken.text).toContain('line 4 questions.0.id: "acme-queue-choice" is in your bank already');
    expect((await h.store.bankTopics({ group: GROUP })).size).toBe(2);
  });

  it("names the line and field of every problem and saves nothing", async () => {
    h = await harness();
    const bad = GOOD_YAML.replace("        correct: true\n      - text: A bigger", "      - text: A bigger")
      .replace("      - text: Bloom filter", "      - text: Bloom filter\n        correct: true")
      .replace("Hash table", "Hash table ".repeat(10));
    const shown = await importYaml(bad);
    expect(shown.kind).toBe("private");
    expect(shown.text).toContain("Nothing was imported (YAML)");
    const lineOf = (text: string, found: string) => text.split("\n").findIndex((l) => l.includes(found)) + 1;
    // A list's line is its first item's, the one after "options:".
    const options = (from: string) =>
      lineOf(bad.split("\n").slice(lineOf(bad, from)).join("\n"), "options:") + lineOf(bad, from) + 1;
    expect(shown.text).toContain(
      `line ${options("acme-queue-choice")} questions.0.options: needs exactly one correct option, has 0`,
    );
    expect(shown.text).toContain(
      `line ${options("acme-index-choice")} questions.1.options: needs exactly one correct option, has 2`,
    );
    expect(shown.text).toContain(
      `line ${lineOf(bad, "Hash table")} questions.1.options.0.text: must be at most 75 characters`,
    );

    const dup = `${GOOD_YAML}${GOOD_YAML.split("questions:\n")[1]?.replace("acme-index-choice", "acme-other") ?? ""}`;
    expect((await importYaml(dup)).text).toContain('duplicate id "acme-queue-choice" (first on line 4)');

    const malformed = "topic: acme\nquestions:\n  - id: [unclosed\n";
    expect((await importYaml(malformed)).text).toMatch(/line 4: Flow sequence in block collection/);

    const shipped = GOOD_YAML.replace("acme-queue-choice", "cache-stampede-lock").replace(
      "topic: acme-onsite",
      "topic: caching",
    );
    const clash = (await importYaml(shipped)).text;
    expect(clash).toContain('"caching" is a topic of the shipped bank');

    const badCsv = CSV.replace(",b,", ",z,").replace('"400 Bad', '"400 Bad "" unclosed');
    const csvShown = await importYaml(badCsv);
    expect(csvShown.text).toContain("Nothing was imported (CSV)");
    expect(csvShown.text).toContain(
      'line 2 correct: must be the letter of a filled option (a to e), not "z"',
    );
    expect(await h.store.bankQuestions({ group: GROUP })).toEqual([]);
  });

  it("imports CSV, lists, exports YAML that imports again, and removes a question or a topic", async () => {
    h = await harness();
    expect((await importYaml(CSV)).text).toContain("Imported 2 question(s) on acme-http");
    await importYaml(GOOD_YAML);
    const exported = await h.command(organizer(), "bank", "export");
    expect(exported.kind).toBe("private");
    expect(exported.text).toContain("topic: acme-http");
    const yaml = exported.message.blocks
      .map((b) => ("text" in b ? b.text : ""))
      .join("")
      .replace(/```\n?/g, "");
    const other = { ...h.place, channel: "c2" };
    for (const doc of yaml.split("---\n")) {
      expect((await importYaml(doc, "group", other)).text).toContain("Imported 2 question(s)");
    }

    expect((await h.command(organizer(), "bank", "remove acme-http-status")).text).toContain(
      "Removed question",
    );
    expect((await h.command(organizer(), "bank", "remove acme-http-status")).text).toContain(
      "There is no question",
    );
    expect((await h.command(organizer(), "bank", "remove topic:acme-onsite")).text).toContain(
      "2 question(s)",
    );
    expect([...(await h.store.bankTopics({ group: GROUP })).keys()]).toEqual(["acme-http-idempotent"]);
  });

  it("refuses an import past the limit", async () => {
    h = await harness();
    const filler = Array.from({ length: BANK_QUESTIONS_MAX - 1 }, (_, i) => ({
      id: `fill-${i}`,
      topic: "fill",
      json: "{}",
    }));
    await h.store.saveBankQuestions({ group: GROUP }, filler, BANK_QUESTIONS_MAX);
    const shown = await importYaml(GOOD_YAML);
    // The store's own re-check, in the same step as the save, refuses it.
    expect(shown.text).toContain(
      `Nothing was imported: a bank holds at most ${BANK_QUESTIONS_MAX} questions, and it has 499`,
    );
    expect((await h.store.bankTopics({ group: GROUP })).size).toBe(BANK_QUESTIONS_MAX - 1);
  });

  it("quizzes on the group's own topic, with autocomplete, and keeps it from other groups and workspaces", async () => {
    h = await harness();
    await importYaml(GOOD_YAML);
    await importYaml(CSV, "workspace");
    const complete = (channel: string, workspace = "w1") =>
      h.app.bot.autocomplete({
        actor: h.member("bob"),
        place: { ...h.place, workspace, channel },
        command: "quiz",
        option: "topic",
        partial: "acme",
      });
    expect((await complete("c1")).map((c) => c.value)).toEqual(["acme-onsite", "acme-http"].sort());
    expect((await complete("c2")).map((c) => c.value)).toEqual(["acme-http"]);
    expect(await complete("c1", "w2")).toEqual([]);

    const posted = await h.command(h.member("bob"), "quiz", "acme-onsite");
    expect(posted.kind).toBe("reply");
    expect(posted.text).toContain("Quiz · acme-onsite");
    const roundId = roundIdOf(posted.message);
    const round = await h.store.getRound(GROUP, roundId);
    expect(["acme-queue-choice", "acme-index-choice"]).toContain(round?.questionId);

    // Removed while the round runs: the close still shows the question it asked.
    await h.command(organizer(), "bank", "remove topic:acme-onsite");
    const closed = await h.click(h.member("bob"), `quiz.close:${roundId}`);
    expect(closed.kind).toBe("update");
    expect(closed.text).toContain(`The answer is ${"ABCDE"[round?.answer ?? 0]}`);

    const elsewhere = await h.command(h.member("bob"), "quiz", "acme-onsite", { ...h.place, channel: "c2" });
    expect(elsewhere.text).toContain('There is no quiz topic "acme-onsite"');
    const otherWorkspace = await h.command(h.member("bob"), "quiz", "acme-http", {
      ...h.place,
      workspace: "w2",
    });
    expect(otherWorkspace.text).toContain('There is no quiz topic "acme-http"');
    const shared = await h.command(h.member("bob"), "quiz", "acme-http", { ...h.place, channel: "c2" });
    expect(shared.text).toContain("Quiz · acme-http");
  });
});
