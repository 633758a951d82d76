import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { readBody, sendText } from "../../server/http-server.ts";
import { checkSlackSignature } from "./signature.ts";

const SLACK_BODY_LIMIT = 1024 * 1024;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** Slack checks a Request URL with an unsigned `ssl_check=1` POST; it only needs a 200. */
function isSslCheck(body: Buffer): boolean {
  return body.length < 512 && new URLSearchParams(body.toString("utf8")).get("ssl_check") === "1";
}

/**
 * Reads the body and checks Slack's signature before Bolt's HTTP receiver sees the request: a
 * wrong signature or a timestamp over five minutes old gets 401. The receiver then takes the body
 * already read (Bolt uses a request's `rawBody` when it is there).
 */
export function signedRequests(
  secret: string,
  next: (req: IncomingMessage, res: ServerResponse) => void,
  log: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let body: Buffer;
    try {
      body = await readBody(req, SLACK_BODY_LIMIT);
    } catch (err) {
      const status = (err as { status?: number }).status ?? 400;
      sendText(res, status, status === 413 ? "request body too large" : "could not read the request");
      return;
    }
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
      sendText(res, 401, check === "stale" ? "request timestamp too old" : "invalid request signature");
      return;
    }
    Object.assign(req, { rawBody: body });
    next(req, res);
  };
}
