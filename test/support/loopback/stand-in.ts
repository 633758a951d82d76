import { StandIn } from "../../../testkit/stand-in.ts";
import { TEXT_MAX } from "./platform.ts";

export interface Posted {
  channel: string;
  hook?: string;
  text: string;
  buttons: { action: string; label: string }[];
}

/** The loopback platform's API: it keeps messages and refuses what breaks its rules, as a real one would. */
export function loopbackStandIn(): { api: StandIn; messages: Map<string, Posted> } {
  const api = new StandIn();
  const messages = new Map<string, Posted>();
  let next = 0;
  const problem = (body: Partial<Posted>): string | undefined => {
    if (typeof body.text !== "string" || body.text.length === 0) return "text is required";
    if (body.text.length > TEXT_MAX) return `text is over ${TEXT_MAX} characters`;
    if (!Array.isArray(body.buttons) || body.buttons.some((b) => !b.action || b.action.length > 100)) {
      return "every button needs an action of at most 100 characters";
    }
    return undefined;
  };
  api.on((req) => {
    if (req.method !== "POST" || req.path !== "/messages") return undefined;
    const body = req.body as Posted;
    const wrong =
      problem(body) ??
      (body.channel ? undefined : "channel is required") ??
      (body.hook === `hook-${body.channel}` ? undefined : "hook is not this channel's");
    if (wrong) return { status: 400, body: { error: wrong } };
    const id = String(++next);
    messages.set(id, body);
    return { status: 200, body: { id } };
  });
  api.on((req) => {
    const match = /^\/messages\/(\d+)$/.exec(req.path);
    if (req.method !== "PATCH" || !match) return undefined;
    if (!messages.has(match[1] ?? "")) return { status: 404, body: { error: "unknown message" } };
    const wrong = problem(req.body as Posted);
    if (wrong) return { status: 400, body: { error: wrong } };
    const id = match[1] ?? "";
    messages.set(id, { ...(messages.get(id) as Posted), ...(req.body as Posted) });
    return { status: 200, body: { id } };
  });
  return { api, messages };
}
