/**
 * What Discord refuses in a modal (the data of an interaction response of type 9), as its Components
 * reference states it: a title of at most 45 characters, a custom_id of at most 100; 1 to 5
 * top-level components, each here a Label (type 18, label at most 45, description at most 100)
 * around one Text Input (type 4; no label of its own inside a Label, value within max_length of at
 * most 4000) or String Select (type 3; 1 to 25 options, each label and value at most 100, at most
 * max_values of them default). Custom ids are unique within the modal.
 */
export function modalProblems(data: unknown): string[] {
  const problems: string[] = [];
  const d = (data ?? {}) as { title?: string; custom_id?: string; components?: Label[] };
  if (!d.title || d.title.length > 45) problems.push("title must be 1 to 45 characters");
  if (!d.custom_id || d.custom_id.length > 100) problems.push("custom_id must be 1 to 100 characters");
  const components = d.components ?? [];
  if (components.length < 1 || components.length > 5) problems.push("components must be 1 to 5");
  const ids = new Set<string>();
  for (const [i, label] of components.entries()) {
    const where = `components[${i}]`;
    if (label.type !== 18) {
      problems.push(`${where}: expected a Label (18), got ${label.type}`);
      continue;
    }
    if (!label.label || label.label.length > 45) problems.push(`${where}.label must be 1 to 45 characters`);
    if ((label.description ?? "").length > 100) problems.push(`${where}.description over 100 characters`);
    const inner = label.component;
    if (!inner?.custom_id || inner.custom_id.length > 100)
      problems.push(`${where}.component.custom_id must be 1 to 100 characters`);
    else if (ids.has(inner.custom_id)) problems.push(`${where}: duplicate custom_id ${inner.custom_id}`);
    else ids.add(inner.custom_id);
    if (inner?.type === 4) {
      if (inner.label !== undefined)
        problems.push(`${where}.component: a Text Input in a Label has no label`);
      if (inner.style !== 1 && inner.style !== 2) problems.push(`${where}.component.style must be 1 or 2`);
      const max = inner.max_length ?? 4000;
      if (max > 4000) problems.push(`${where}.component.max_length over 4000`);
      if ((inner.value ?? "").length > max) problems.push(`${where}.component.value over max_length`);
    } else if (inner?.type === 3) {
      const options = inner.options ?? [];
      if (options.length < 1 || options.length > 25)
        problems.push(`${where}.component.options must be 1 to 25`);
      for (const [j, o] of options.entries()) {
        if (!o.label || o.label.length > 100)
          problems.push(`${where}.options[${j}].label must be 1 to 100 characters`);
        if (!o.value || o.value.length > 100)
          problems.push(`${where}.options[${j}].value must be 1 to 100 characters`);
      }
      if (options.filter((o) => o.default).length > (inner.max_values ?? 1))
        problems.push(`${where}.component: more defaults than max_values`);
      if (inner.disabled) problems.push(`${where}.component: selects in modals cannot be disabled`);
    } else {
      problems.push(`${where}.component: expected a Text Input (4) or String Select (3)`);
    }
  }
  return problems;
}

interface Label {
  type: number;
  label?: string;
  description?: string;
  component?: {
    type: number;
    custom_id?: string;
    label?: string;
    style?: number;
    value?: string;
    max_length?: number;
    max_values?: number;
    disabled?: boolean;
    options?: { label?: string; value?: string; default?: boolean }[];
  };
}
