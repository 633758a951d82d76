import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { sendText } from "../../platform/http-server.ts";
import { header, readBodyOrRefuse, refuseSignature } from "../../platform/signed-request.ts";
import { checkPayload } from "./payload-check.ts";
import { checkSlackSignature } from "./signature.ts";

/** Where Slack posts events, commands and interactions over HTTP. */
export const SLACK_EVENTS_PATH = "/slack/events";

/** Slack checks a Request URL with an unsigned `ssl_check=1` POST; it only needs a 200. */
function isSslCheck(body: Buffer): boolean {
  return body.length < 512 && new URLSearchParams(body.toString("utf8")).get("ssl_check") === "1";
}

/**
 * Reads the body (1 MiB at most) and checks Slack's signature before Bolt's HTTP receiver sees the
 * request: a wrong signature or a timestamp more than five minutes off gets 401, a malformed payload 400
 * (checkPayload). The receiver then takes the body already read (Bolt uses a request's `rawBody`).
 */
export function signedRequests(
  secret: string,
  next: (req: IncomingMessage, res: ServerResponse) => void,
  log: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const body = await readBodyOrRefuse(req, res);
    if (!body) return;
    const check = checkSlackSignature(
      secret,
      header(req, "x-slack-signature"),
      header(req, "x-slack-request-timestamp"),
      body,
      Date.now() / 1000,
    );
    if (check !== "ok") {
      if (isSslCheck(body)) {
        res.writeHead(200, { "content-length": 0 }).end();
        return;
      }
      log.warn({ check }, "refused a Slack request");
      refuseSignature(res, check);
      return;
    }
    const payload = checkPayload(body, header(req, "content-type"));
    if (payload.to === "refuse") {
      log.warn({ why: payload.why }, "refused a malformed Slack payload");
      sendText(res, 400, `malformed payload: ${payload.why}`);
      return;
    }
    if (payload.to === "ignore") {
      log.debug({ why: payload.why }, "ignored a Slack payload");
      res.writeHead(200, { "content-length": 0 }).end();
      return;
    }
    Object.assign(req, { rawBody: body });
    next(req, res);
  };
}
