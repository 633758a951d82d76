/**
 * One palette for every picture. The card is opaque and dark, with light text, so it reads the same
 * on Discord's and Slack's light and dark themes. Quantities use one hue (blue) from dark to light:
 * the steps differ in lightness, which colour-blind members see as well as anyone, and nothing is
 * told by red against green. Where a mark means something other than an amount (a freeze, today,
 * your own row) it has its own shape and a label, not just a colour.
 */
export const THEME = {
  background: "#17202e",
  panel: "#1f2a3b",
  border: "#34425a",
  text: "#eef2f8",
  muted: "#a3b0c4",
  /** Empty calendar day: an outline only. */
  empty: "#2a3750",
  /** Study-day levels 1..4, dark to light. */
  scale: ["#1f5a8c", "#2f80c4", "#5ca9ea", "#a8d4ff"],
  accent: "#a8d4ff",
} as const;
