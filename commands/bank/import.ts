import type { AppContext } from "../../src/app/app-context.ts";
import { bankContents, banksOf } from "../../src/app/own-questions.ts";
import { questionJson } from "../../src/content/bank-codec.ts";
import {
  BANK_QUESTIONS_MAX,
  type BankFormat,
  CSV_COLUMNS,
  detectFormat,
  formatImportProblem,
} from "../../src/content/bank-format.ts";
import { UserError } from "../../src/core/errors.ts";
import type { Form } from "../../src/core/model.ts";
import { importFormAction } from "./actions.ts";

export type Scope = "group" | "workspace";
type FormatChoice = BankFormat | "auto";

/** Problems listed in one private reply; the rest are counted. */
const PROBLEMS_SHOWN = 15;
/** The pasted text: as long as the platforms' form fields take (each renderer holds to its own limit). */
const PASTE_MAX = 4000;

export function importForm(scope: Scope, format: FormatChoice): Form {
  return {
    action: importFormAction.id([scope, format]),
    title: scope === "workspace" ? "Import questions (workspace)" : "Import questions",
    submitLabel: "Import",
    fields: [
      {
        id: "text",
        label: "Questions as YAML or CSV",
        multiline: true,
        required: true,
        maxLength: PASTE_MAX,
        placeholder: `YAML: topic: my-topic, then questions: as in the bank. CSV: ${CSV_COLUMNS.join(",")}`,
      },
    ],
  };
}

export async function openImportForm(ctx: AppContext, scope: Scope, format: FormatChoice): Promise<void> {
  await ctx.requireOrganizer("import questions");
  if (!ctx.event.capabilities.forms) {
    throw new UserError(
      "forms-unavailable",
      "Importing questions needs a form to paste them into, and forms are not available here. Import them from Discord or Slack; the group's questions are then here too.",
    );
  }
  await ctx.openForm(importForm(scope, format));
}

/**
 * Imports pasted (or, once files are handled, uploaded) text into the group's or the workspace's
 * bank: all of it, or nothing with every problem named by line and field.
 */
export async function importText(
  ctx: AppContext,
  scope: Scope,
  format: FormatChoice,
  text: string,
): Promise<void> {
  await ctx.requireOrganizer("import questions");
  const { store, content } = ctx.services;
  const banks = banksOf(ctx.group);
  const [own, shared] = await Promise.all([
    bankContents(store, banks.group),
    bankContents(store, banks.workspace),
  ]);
  const kind = format === "auto" ? detectFormat(text) : format;
  // The YAML and CSV parsers load with the first import, not with every bot.
  const { checkImport } = await import("../../src/content/bank-import.ts");
  const { questions, problems } = checkImport(text, kind, {
    content,
    existing: [...own, ...shared],
    bankSize: scope === "group" ? own.length : shared.length,
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `• ${formatImportProblem(p)}`);
    const more = problems.length > PROBLEMS_SHOWN ? [`…and ${problems.length - PROBLEMS_SHOWN} more.`] : [];
    throw new UserError(
      "bank-import-invalid",
      [`Nothing was imported (${kind.toUpperCase()}): fix these and import again.`, ...shown, ...more].join(
        "\n",
      ),
    );
  }
  const saved = await store.saveBankQuestions(
    banks[scope],
    questions.map((q) => ({ id: q.id, topic: q.topic, json: questionJson(q) })),
    BANK_QUESTIONS_MAX,
  );
  if (saved.status === "taken") {
    throw new UserError(
      "bank-import-invalid",
      `Nothing was imported: already in the bank: ${saved.ids.join(", ")}.`,
    );
  }
  if (saved.status === "over-limit") {
    throw new UserError(
      "bank-full",
      `Nothing was imported: a bank holds at most ${BANK_QUESTIONS_MAX} questions, and it has ${saved.total}.`,
    );
  }
  const topics = [...new Set(questions.map((q) => q.topic))].join(", ");
  const where = scope === "workspace" ? "the workspace's shared bank" : "the group's bank";
  await ctx.replyPrivately(
    ctx.text(`Imported ${questions.length} question(s) on ${topics} into ${where} (${saved.total} in all).`),
    "public",
  );
}
