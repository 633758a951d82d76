import type { Question } from "../content/model.ts";

/**
 * The order a quiz round (or a practice step) shows a question's options in:
 * `order[shown] = index in the question`. A fresh uniform shuffle (Fisher–Yates) unless the question
 * keeps its order.
 */
export function optionOrder(question: Question, random: () => number = Math.random): number[] {
  const order = question.options.map((_, i) => i);
  if (question.keep_order) return order;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * A question's options as a round (or a practice step) showed them. One stored before shuffling has
 * no order: as written.
 */
export function shownOptions(question: Question, round: { order?: number[] }): Question["options"] {
  const order = round.order;
  const n = question.options.length;
  const isPermutation =
    order?.length === n && new Set(order).size === n && order.every((i) => i >= 0 && i < n);
  if (!order || !isPermutation) return question.options;
  return order.map((i) => question.options[i] as Question["options"][number]);
}
