/**
 * What Slack's views.open refuses in a modal's input blocks, as Block Kit's reference states it: a
 * title of at most 24 characters, at most 100 blocks with unique block ids, input labels of at most
 * 2000; a static_select of 1 to 100 options, each text at most 75 and value at most 150 characters,
 * whose initial_option is one of its options exactly; an external_select's initial_option a whole
 * option; a plain_text_input's initial_value within its max_length (at most 3000).
 */
export function viewProblems(view: unknown): string[] {
  const problems: string[] = [];
  const v = (view ?? {}) as {
    type?: string;
    title?: { text?: string };
    blocks?: { type?: string; block_id?: string; label?: { text?: string }; element?: Element }[];
  };
  if (v.type !== "modal") problems.push("view.type must be modal");
  if ((v.title?.text ?? "").length > 24) problems.push("title over 24 characters");
  const blocks = v.blocks ?? [];
  if (blocks.length > 100) problems.push("over 100 blocks");
  const ids = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const where = `blocks[${i}]`;
    if (block.block_id) {
      if (ids.has(block.block_id)) problems.push(`${where}: duplicate block_id`);
      ids.add(block.block_id);
    }
    if (block.type !== "input") continue;
    if ((block.label?.text ?? "").length > 2000) problems.push(`${where}.label over 2000 characters`);
    problems.push(...elementProblems(block.element, `${where}.element`));
  }
  return problems;
}

interface SlackOption {
  text?: { type?: string; text?: string };
  value?: string;
}

interface Element {
  type?: string;
  action_id?: string;
  options?: SlackOption[];
  initial_option?: SlackOption;
  initial_value?: string;
  max_length?: number;
  min_query_length?: number;
  filetypes?: unknown;
  max_files?: number;
}

function optionProblems(option: SlackOption | undefined, where: string): string[] {
  const problems: string[] = [];
  if (option?.text?.type !== "plain_text") problems.push(`${where}.text must be plain_text`);
  if (!option?.text?.text || option.text.text.length > 75)
    problems.push(`${where}.text must be 1 to 75 characters`);
  if (!option?.value || option.value.length > 150)
    problems.push(`${where}.value must be 1 to 150 characters`);
  return problems;
}

function elementProblems(element: Element | undefined, where: string): string[] {
  if (!element?.action_id || element.action_id.length > 255)
    return [`${where}.action_id must be 1 to 255 characters`];
  switch (element.type) {
    case "plain_text_input": {
      const max = element.max_length ?? 3000;
      if (max > 3000) return [`${where}.max_length over 3000`];
      if ((element.initial_value ?? "").length > max) return [`${where}.initial_value over max_length`];
      return [];
    }
    case "static_select": {
      const options = element.options ?? [];
      const problems = options.flatMap((o, i) => optionProblems(o, `${where}.options[${i}]`));
      if (options.length < 1 || options.length > 100) problems.push(`${where}.options must be 1 to 100`);
      const initial = element.initial_option;
      if (initial && !options.some((o) => o.value === initial.value && o.text?.text === initial.text?.text))
        problems.push(`${where}.initial_option must be one of its options`);
      return problems;
    }
    case "external_select": {
      const problems = element.initial_option
        ? optionProblems(element.initial_option, `${where}.initial_option`)
        : [];
      if (element.options) problems.push(`${where}: an external_select takes no options`);
      if (element.min_query_length !== undefined && element.min_query_length < 0)
        problems.push(`${where}.min_query_length below 0`);
      return problems;
    }
    case "file_input": {
      // Block Kit: filetypes is a list of extensions; max_files is 1 to 10 (default 10).
      const problems: string[] = [];
      if (element.filetypes !== undefined && !Array.isArray(element.filetypes))
        problems.push(`${where}.filetypes must be a list`);
      if (element.max_files !== undefined && (element.max_files < 1 || element.max_files > 10))
        problems.push(`${where}.max_files must be 1 to 10`);
      return problems;
    }
    default:
      return [`${where}.type ${element.type} is not an input element the bot uses`];
  }
}
