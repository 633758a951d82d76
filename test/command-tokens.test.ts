import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.ts";
import {
  renderMessage as renderDiscord,
  renderModal as discordModal,
} from "../src/adapters/discord/render.ts";
import { renderMessage as renderPlayground } from "../src/adapters/playground/render.ts";
import { type CommandNaming, commandStyle } from "../src/adapters/slack/normalize.ts";
import { renderMessage as renderSlack, renderModal as slackModal } from "../src/adapters/slack/render.ts";
import { cmd, writeCommands } from "../src/core/command-token.ts";
import type { Form, Message } from "../src/core/model.ts";
import { fallbackText, neutralFallback, stripMarkdown } from "../src/core/plain-text.ts";

const PREFIX: CommandNaming = { prefix: "sg-" };
const UMBRELLA: CommandNaming = { prefix: "", umbrella: "study" };

/** A message that names commands in every kind of text a block can hold. */
const naming: Message = {
  blocks: [
    { type: "header", text: `About ${cmd("quiz")}` },
    { type: "text", text: `Answer a ${cmd("quiz")} or press Done on ${cmd("daily")}.` },
    {
      type: "section",
      title: `Try ${cmd("star")}`,
      text: `Preview a day with ${cmd("daily", "<day>")}.`,
      fields: [{ label: `Via ${cmd("leaderboard")}`, value: `\`${cmd("mock", "[kind]")}\`` }],
    },
    { type: "context", text: `Start another round with ${cmd("quiz")}` },
    { type: "buttons", buttons: [{ action: "x:1", label: `Open ${cmd("help")}` }] },
  ],
};

/** Content with slashes, braces, code and angle brackets, none of it a command token. */
const CONTENT = [
  "Answer /quiz, /daily <day> and /help in a/b",
  "const f = () => { return `${a}/${b}`; } // {{template}} [[link]] </div> <T>",
  "```js\nfetch('/quiz?x=1').then((r) => r.json());\n```",
  "path /usr/bin and https://x.test/quiz",
].join("\n");

function slackText(message: Message, naming: CommandNaming): string {
  const rendered = renderSlack(message, undefined, commandStyle(naming));
  return JSON.stringify(rendered);
}

describe("command tokens", () => {
  it("are written by cmd() and read back by writeCommands()", () => {
    expect(cmd("quiz")).toBe("⟦/quiz⟧");
    expect(cmd("daily", "<day>")).toBe("⟦/daily <day>⟧");
    expect(cmd("daily", "  ")).toBe("⟦/daily⟧");
    expect(writeCommands(`${cmd("quiz")} and ${cmd("daily", "<day>")}`)).toBe("/quiz and /daily <day>");
    expect(writeCommands(cmd("quiz"), (c) => `!${c}`)).toBe("!quiz");
  });

  it("keep a name taken from a member's input from opening or closing a token", () => {
    const odd = cmd("da⟧nce⟦", "a⟦b⟧c");
    expect(odd).toBe("⟦/dance abc⟧");
    expect(writeCommands(`${odd} ⟧ ⟦`)).toBe("/dance abc ⟧ ⟦");
  });

  it("render on Slack with a command prefix as /sg-name, in blocks, fields, buttons and the fallback", () => {
    const rendered = renderSlack(naming, undefined, commandStyle(PREFIX));
    const text = JSON.stringify(rendered);
    for (const typed of ["/sg-quiz", "/sg-daily", "/sg-star", "/sg-leaderboard", "/sg-help"])
      expect(text).toContain(typed);
    expect(text).toContain("/sg-daily &lt;day&gt;");
    expect(text).toContain("`/sg-mock [kind]`");
    expect(text).not.toMatch(/[^-]\/(quiz|daily|star|leaderboard|mock|help)\b/);
    expect(text).not.toContain("⟦");
    expect(rendered.text).toContain("Answer a /sg-quiz or press Done on /sg-daily.");
    const withFallback = renderSlack(
      { ...naming, fallback: `Use ${cmd("quiz")}` },
      undefined,
      commandStyle(PREFIX),
    );
    expect(withFallback.text).toBe("Use /sg-quiz");
  });

  it("render on Slack with an umbrella command as /study name, arguments after it", () => {
    const text = slackText(naming, UMBRELLA);
    expect(text).toContain("Answer a /study quiz or press Done on /study daily.");
    expect(text).toContain("/study daily &lt;day&gt;");
    expect(text).toContain("`/study mock [kind]`");
    expect(text).toContain("Open /study help");
    expect(text).not.toContain("⟦");
  });

  it("render on Slack without a naming, and on Discord, as /name", () => {
    expect(slackText(naming, { prefix: "" })).toContain("Answer a /quiz or press Done on /daily.");
    const discord = renderDiscord(naming);
    const embed = discord.embeds?.[0];
    expect(embed?.title).toBe("About /quiz");
    expect(embed?.description).toBe("Answer a /quiz or press Done on /daily.");
    expect(embed?.fields).toEqual([
      { name: "Try /star", value: "Preview a day with /daily <day>." },
      { name: "Via /leaderboard", value: "`/mock [kind]`", inline: false },
    ]);
    expect(embed?.footer?.text).toBe("Start another round with /quiz");
    expect(discord.components?.[0]?.components[0]?.label).toBe("Open /help");
    const content = renderDiscord({ blocks: [{ type: "text", text: `Start with ${cmd("quiz")}.` }] });
    expect(content.content).toBe("Start with /quiz.");
    expect(JSON.stringify(discord)).not.toContain("⟦");
  });

  it("render in the playground and in the plain-text fallback as /name", () => {
    const playground = renderPlayground(naming).text;
    expect(playground).toContain("== About /quiz ==");
    expect(playground).toContain("Answer a /quiz or press Done on /daily.");
    expect(playground).toContain("Preview a day with /daily <day>.");
    expect(playground).toContain("Via /leaderboard: /mock [kind]");
    expect(playground).toContain("[1] Open /help");
    expect(playground).not.toContain("⟦");
    expect(fallbackText(naming)).toBe(
      [
        "About /quiz",
        "Answer a /quiz or press Done on /daily.",
        "Try /star\nPreview a day with /daily <day>.\nVia /leaderboard: /mock [kind]",
        "Start another round with /quiz",
      ].join("\n"),
    );
    expect(fallbackText({ blocks: [], fallback: `Try ${cmd("help")}` })).toBe("Try /help");
    expect(stripMarkdown(`**Use** \`${cmd("quiz", "[topic]")}\``)).toBe("Use /quiz [topic]");
    expect(fallbackText(naming, commandStyle(UMBRELLA))).toContain("/study daily <day>");
  });

  it("stay tokens in a fallback the core builds from another message, for the renderer to write", () => {
    const neutral = neutralFallback({ blocks: [{ type: "text", text: `**Try** ${cmd("quiz")}` }] });
    expect(neutral).toBe(`Try ${cmd("quiz")}`);
    expect(renderSlack({ blocks: [], fallback: neutral }, undefined, commandStyle(PREFIX)).text).toBe(
      "Try /sg-quiz",
    );
  });

  it("render in forms as each platform types them", () => {
    const form: Form = {
      action: "f:1",
      title: `Answer for ${cmd("mock")}`,
      fields: [{ id: "a", label: `See ${cmd("star")}`, placeholder: `As in ${cmd("star")}` }],
    };
    const slack = JSON.stringify(slackModal(form, "{}", commandStyle(PREFIX)));
    expect(slack).toContain("Answer for /sg-mock");
    expect(slack).toContain("See /sg-star");
    expect(slack).toContain("As in /sg-star");
    const discord = JSON.stringify(discordModal(form));
    expect(discord).toContain("Answer for /mock");
    expect(discord).toContain("See /star");
    expect(discord).not.toContain("⟦");
  });

  it("leave content that merely contains a slash word, braces or code alone", () => {
    const message: Message = {
      blocks: [
        { type: "text", text: CONTENT },
        { type: "section", title: "a/b", text: "/quiz", fields: [{ label: "/daily", value: "{x}/y" }] },
      ],
    };
    expect(writeCommands(CONTENT)).toBe(CONTENT);
    expect(writeCommands(CONTENT, commandStyle(PREFIX))).toBe(CONTENT);
    expect(writeCommands(CONTENT, commandStyle(UMBRELLA))).toBe(CONTENT);
    for (const naming of [PREFIX, UMBRELLA]) {
      const text = slackText(message, naming);
      expect(text).not.toMatch(/\/sg-|\/study /);
      expect(text).toContain("Answer /quiz, /daily &lt;day&gt; and /help in a/b");
      expect(text).toContain("https://x.test/quiz");
      expect(text).toContain("fetch('/quiz?x=1')");
    }
    const discord = renderDiscord(message);
    expect(discord.embeds?.[0]?.description).toBe(CONTENT);
    expect(discord.embeds?.[0]?.fields?.[0]).toEqual({ name: "a/b", value: "/quiz" });
    expect(renderPlayground(message).text).toContain("Answer /quiz, /daily <day> and /help in a/b");
    expect(fallbackText(message)).toContain("path /usr/bin and https://x.test/quiz");
  });
});

/** Every .ts file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("command names in the bot's texts", () => {
  const files = [...sources("commands"), ...sources("src")].map((path) => ({
    path,
    code: readFileSync(path, "utf8"),
  }));
  const names = commands.map((c) => c.name);

  it("name only commands the bot has", () => {
    const used = new Set(
      files.flatMap(({ code }) => [...code.matchAll(/\bcmd\("([^"]+)"/g)].map((m) => m[1])),
    );
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(names).toContain(name);
  });

  it("are tokens, not typed slash names, in every string the core and the features write", () => {
    const typed = new RegExp(`(?<![\\w/.:-])/(${names.join("|")})\\b`);
    const offenders = files
      // The playground's own prompts are typed at its terminal, where /quiz is the name.
      .filter(({ path }) => !path.startsWith(join("src", "adapters", "playground")))
      .flatMap(({ path, code }) => {
        const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
        const strings = withoutComments.match(/"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
        return strings.filter((s) => typed.test(s)).map((s) => `${path}: ${s}`);
      });
    expect(offenders).toEqual([]);
  });
});
