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
import type { Form, InboundFile } from "../../src/core/model.ts";
import { importFormAction } from "./actions.ts";

export type Scope = "group" | "workspace";
type FormatChoice = BankFormat | "auto";

/** Problems listed in one private reply; the rest are counted. */
const PROBLEMS_SHOWN = 15;
/** The pasted text: as long as the platforms' form fields take (each renderer holds to its own limit). */
const PASTE_MAX = 4000;

/** A question bank file: its name endings, and the largest one read (500 questions of 2,000 characters). */
export const BANK_FILE = { accept: ["yaml", "yml", "csv"], maxBytes: 1024 * 1024 } as const;
/** Types a bank file may say it is; a platform that names none, or a generic one, is judged by the name. */
const TEXT_TYPES = /^(text\/[a-z.+-]+|application\/(x-)?yaml|application\/octet-stream)(;.*)?$/i;

/** The import form: paste the questions, or, where the platform's forms take files, attach a file. */
export function importForm(scope: Scope, format: FormatChoice, withFile = false): Form {
  return {
    action: importFormAction.id([scope, format]),
    title: scope === "workspace" ? "Import questions (workspace)" : "Import questions",
    submitLabel: "Import",
    fields: [
      {
        id: "text",
        label: withFile ? "Questions as YAML or CSV (or attach a file below)" : "Questions as YAML or CSV",
        multiline: true,
        required: !withFile,
        maxLength: PASTE_MAX,
        placeholder: `YAML: topic: my-topic, then questions: as in the bank. CSV: ${CSV_COLUMNS.join(",")}`,
      },
      ...(withFile
        ? [
            {
              kind: "file" as const,
              id: "file",
              label: "Or a .yaml, .yml or .csv file",
              required: false,
              accept: [...BANK_FILE.accept],
            },
          ]
        : []),
    ],
  };
}

/**
 * Reads an attached bank file as text: its name must end in .yaml, .yml or .csv (which also gives its
 * format unless one was chosen), its type, when the platform states one, must be text, and its bytes
 * at most 1 MB of valid UTF-8.
 */
async function fileText(
  file: InboundFile,
  format: FormatChoice,
): Promise<{ text: string; format: FormatChoice }> {
  const ext = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (
    !(BANK_FILE.accept as readonly string[]).includes(ext) ||
    (file.contentType && !TEXT_TYPES.test(file.contentType))
  ) {
    throw new UserError(
      "bank-file-type",
      `${file.name} is not a question file: attach a .yaml, .yml or .csv file in the bank's format.`,
    );
  }
  if (file.size > BANK_FILE.maxBytes)
    throw new UserError("file-too-large", `${file.name} is larger than the 1 MB a question file may be.`);
  const bytes = await file.read(BANK_FILE.maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError(
      "bank-file-type",
      `${file.name} is not UTF-8 text: save it as UTF-8 and attach it again.`,
    );
  }
  return { text, format: format === "auto" ? (ext === "csv" ? "csv" : "yaml") : format };
}

/** Imports an attached file, as importText does pasted text. */
export async function importFile(
  ctx: AppContext,
  scope: Scope,
  format: FormatChoice,
  file: InboundFile,
): Promise<void> {
  await ctx.requireOrganizer("import questions");
  const read = await fileText(file, format);
  await importText(ctx, scope, read.format, read.text);
}

/** A submitted import form: the pasted text, or the attached file, not both. */
export async function importSubmitted(
  ctx: AppContext,
  scope: Scope,
  format: FormatChoice,
  text: string,
  files: readonly InboundFile[],
): Promise<void> {
  const [file] = files;
  if (file && text.trim()) {
    throw new UserError("bank-import-both", "Paste the questions or attach a file, not both.");
  }
  if (file) return importFile(ctx, scope, format, file);
  if (!text.trim())
    throw new UserError("bank-import-empty", "Paste the questions, or attach a .yaml, .yml or .csv file.");
  return importText(ctx, scope, format, text);
}

export async function openImportForm(ctx: AppContext, scope: Scope, format: FormatChoice): Promise<void> {
  await ctx.requireOrganizer("import questions");
  if (!ctx.event.capabilities.forms) {
    throw new UserError(
      "forms-unavailable",
      "Importing questions needs a form to paste them into, and forms are not available here. Import them from Discord or Slack; the group's questions are then here too.",
    );
  }
  await ctx.openForm(importForm(scope, format, ctx.event.capabilities.formFiles === true));
}

/**
 * Imports pasted or uploaded text into the group's or the workspace's
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
