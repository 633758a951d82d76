/** The four parts of a STAR answer, with what each should hold. */
export const STAR_TEMPLATE = [
  { label: "Situation", value: "Where and when: the context in one or two sentences." },
  { label: "Task", value: "What you were responsible for, and what was at stake." },
  { label: "Action", value: "What you did, step by step: say I, not we." },
  { label: "Result", value: "What changed, in numbers where you can, and what you learned." },
];
