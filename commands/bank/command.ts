import { z } from "zod";
import type { AppContext } from "../../src/app/app-context.ts";
import { defineCommand, onSubmit } from "../../src/app/define-command.ts";
import { bankContents, banksOf } from "../../src/app/own-questions.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError } from "../../src/core/errors.ts";
import { importFormAction } from "./actions.ts";
import { fileArg } from "../../src/core/args.ts";
import { importFile, importSubmitted, openImportForm, type Scope } from "./import.ts";

async function list(ctx: AppContext): Promise<void> {
  await ctx.requireOrganizer("list the group's questions");
  const { store } = ctx.services;
  const banks = banksOf(ctx.group);
  const [own, shared] = await Promise.all([store.bankTopics(banks.group), store.bankTopics(banks.workspace)]);
  const section = (title: string, bank: Map<string, string>) => {
    if (bank.size === 0) return `**${title}:** none yet.`;
    const byTopic = new Map<string, string[]>();
    for (const [id, topic] of bank) byTopic.set(topic, [...(byTopic.get(topic) ?? []), id]);
    const lines = [...byTopic]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([topic, ids]) => `• ${topic} (${ids.length}): ${ids.sort().join(", ")}`);
    return [`**${title}** (${bank.size}):`, ...lines].join("\n");
  };
  await ctx.replyPrivately(
    ctx.text(
      [
        section("This group's questions", own),
        section("Shared with the workspace", shared),
        `Quiz on one with ${cmd("quiz", "<topic>")}; add more with ${cmd("bank", "import")}.`,
      ].join("\n\n"),
    ),
    "none",
  );
}

async function exportBank(ctx: AppContext, scope: Scope): Promise<void> {
  await ctx.requireOrganizer("export the group's questions");
  const questions = await bankContents(ctx.services.store, banksOf(ctx.group)[scope]);
  if (questions.length === 0) throw new UserError("bank-empty", "There are no questions in that bank yet.");
  // The YAML writer loads with the first export, not with every bot.
  const { toBankYaml } = await import("../../src/content/bank-yaml.ts");
  await ctx.replyPrivately(ctx.text(`\`\`\`\n${toBankYaml(questions)}\`\`\``), "none");
}

async function remove(ctx: AppContext, scope: Scope, id: string | undefined, topic: string | undefined) {
  await ctx.requireOrganizer("remove questions");
  const bank = banksOf(ctx.group)[scope];
  const { store } = ctx.services;
  if (topic) {
    const n = await store.removeBankTopic(bank, topic.trim().toLowerCase());
    if (n === 0)
      throw new UserError(
        "bank-unknown",
        `There is no topic "${topic}" in that bank (see ${cmd("bank", "list")}).`,
      );
    await ctx.replyPrivately(ctx.text(`Removed topic ${topic}: ${n} question(s).`), "public");
    return;
  }
  if (!id)
    throw new UserError(
      "bank-remove-what",
      `Name a question or a topic: ${cmd("bank", "remove <id>")} or ${cmd("bank", "remove topic:<topic>")}.`,
    );
  if (!(await store.removeBankQuestion(bank, id.trim())))
    throw new UserError(
      "bank-unknown",
      `There is no question "${id}" in that bank (see ${cmd("bank", "list")}).`,
    );
  await ctx.replyPrivately(ctx.text(`Removed question ${id}.`), "public");
}

export default defineCommand({
  name: "bank",
  description: "Organizers: the group's own quiz questions (import, list, export, remove)",
  args: z.object({
    action: z.enum(["import", "list", "export", "remove"]).describe("What to do with the group's questions"),
    id: z.string().max(60).optional().describe("remove: the question's id"),
    topic: z.string().max(60).optional().describe("remove: every question of this topic"),
    scope: z
      .enum(["group", "workspace"])
      .optional()
      .describe("group (the default) or workspace: shared with every group of this workspace"),
    format: z
      .enum(["yaml", "csv"])
      .optional()
      .describe("import: the pasted text's format (guessed when left out)"),
    file: fileArg("import: a .yaml, .yml or .csv file of questions instead of the form"),
  }),
  // An import with a file answers privately; without one it opens the form.
  firstReply: ({ action, file }) => (action === "import" && !file ? "form" : "private"),
  async run(ctx, args) {
    const scope = args.scope ?? "group";
    switch (args.action) {
      case "import": {
        const file = ctx.event.kind === "command" ? ctx.event.files?.file : undefined;
        if (file) return importFile(ctx, scope, args.format ?? "auto", file);
        if (args.file)
          throw new UserError(
            "bank-file-missing",
            `No file came with the command here: attach one in ${cmd("bank", "import")}'s form, or paste the questions there.`,
          );
        return openImportForm(ctx, scope, args.format ?? "auto");
      }
      case "list":
        return list(ctx);
      case "export":
        return exportBank(ctx, scope);
      case "remove":
        return remove(ctx, scope, args.id, args.topic);
    }
  },
  forms: [
    onSubmit(importFormAction, (ctx, [scope, format], values) =>
      importSubmitted(
        ctx,
        scope,
        format,
        values.text ?? "",
        ctx.event.kind === "form" ? (ctx.event.files?.file ?? []) : [],
      ),
    ),
  ],
});
