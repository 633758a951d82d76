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

    let answer: (response: APIInteractionResponse) => void = () => {};
    const answered = new Promise<APIInteractionResponse>((resolve) => {
      answer = resolve;
    });
    // Discord has the response (and its webhook can be used) only once it is written out.
    const written = new Promise<void>((resolve, reject) => {
      res.once("finish", resolve);
      res.once("close", () => (res.writableFinished ? resolve() : reject(new Error("connection closed"))));
    });
    written.catch(() => undefined);
    const done = dispatchInteraction(
      parsed.data,
      async (response) => {
        if (res.headersSent) throw new Error("the initial response was already sent");
        answer(response);
        await written;
      },
      options,
    ).catch((err: unknown) => options.log.error({ err }, "discord interaction failed"));
    // The responder always answers before dispatch resolves, so `done` winning means the core failed.
    const response = await Promise.race([answered, done.then(() => undefined)]);
    if (response) sendJson(res, 200, response);
    else sendText(res, 500, "no response");
  };
}
