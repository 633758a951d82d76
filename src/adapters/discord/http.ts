import type { IncomingMessage, ServerResponse } from "node:http";
import type { KeyObject } from "node:crypto";
import type { APIInteractionResponse } from "discord-api-types/v10";
import { sendJson, sendText } from "../../platform/http-server.ts";
import { header, readBodyOrRefuse, refuseSignature } from "../../platform/signed-request.ts";
import { type DispatchOptions, dispatchInteraction } from "./dispatch.ts";
import { rawInteraction } from "./normalize.ts";
import { checkSignature } from "./signature.ts";

export interface HttpEndpointOptions extends DispatchOptions {
  publicKey: KeyObject;
  nowSeconds?: () => number;
}

/**
 * Writes the interaction's initial response; resolves once it is written out, since Discord has it
 * (and its webhook can be used) only then.
 */
function respond(res: ServerResponse, response: APIInteractionResponse): Promise<void> {
  if (res.headersSent) return Promise.reject(new Error("the initial response was already sent"));
  sendJson(res, 200, response);
  if (res.writableFinished) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    res.once("finish", resolve);
    res.once("close", () => (res.writableFinished ? resolve() : reject(new Error("connection closed"))));
  });
}

/**
 * POST /discord/interactions: verifies Discord's Ed25519 signature before touching anything, then
 * answers with the interaction's initial response as soon as the core produces it (or defers).
 */
export function discordInteractionsEndpoint(options: HttpEndpointOptions) {
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBodyOrRefuse(req, res);
    if (!body) return;
    const check = checkSignature(
      options.publicKey,
      header(req, "x-signature-ed25519"),
      header(req, "x-signature-timestamp"),
      body,
      now(),
    );
    if (check !== "ok") {
      refuseSignature(res, check);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      sendText(res, 400, "body is not JSON");
      return;
    }
    const parsed = rawInteraction.safeParse(json);
    if (!parsed.success) {
      sendText(res, 400, "not an interaction");
      return;
    }

    // The initial response is written as soon as the core produces it (or defers); the core may go
    // on after it (follow-ups), and this request is done when it has.
    await dispatchInteraction(parsed.data, (response) => respond(res, response), options).catch(
      (err: unknown) => options.log.error({ err }, "discord interaction failed"),
    );
    // The responder always answers before dispatch resolves, so no answer means the core failed.
    if (!res.headersSent) sendText(res, 500, "no response");
  };
}
