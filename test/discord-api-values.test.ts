import {
  ButtonStyle as ApiButtonStyle,
  ComponentType as ApiComponentType,
  TextInputStyle as ApiTextInputStyle,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { ButtonStyle, ComponentType, TextInputStyle } from "../src/adapters/discord/api-values.ts";

describe("the Discord renderer's API values", () => {
  it("are discord-api-types' own, name for name", () => {
    for (const [name, value] of Object.entries(ButtonStyle))
      expect(value, name).toBe(ApiButtonStyle[name as keyof typeof ApiButtonStyle]);
    for (const [name, value] of Object.entries(ComponentType))
      expect(value, name).toBe(ApiComponentType[name as keyof typeof ApiComponentType]);
    for (const [name, value] of Object.entries(TextInputStyle))
      expect(value, name).toBe(ApiTextInputStyle[name as keyof typeof ApiTextInputStyle]);
  });
});
