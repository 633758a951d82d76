import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendText } from "./http-server.ts";

/** How old (or how far ahead) a signed request's timestamp may be before it is refused as a replay. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export type SignatureCheck = "ok" | "missing" | "stale" | "invalid";

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * What every platform's signed request is checked for before the cryptography: both headers, a
 * signature of the platform's shape and a timestamp within five minutes of now. Gives the problem,
 * or the two headers to verify.
 */
export function checkSignatureHeaders(
  signature: string | undefined,
  timestamp: string | undefined,
  shape: RegExp,
  nowSeconds: number,
): Exclude<SignatureCheck, "ok"> | { signature: string; timestamp: string } {
  if (!signature || !timestamp) return "missing";
  if (!/^\d{1,12}$/.test(timestamp) || !shape.test(signature)) return "invalid";
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return "stale";
  return { signature, timestamp };
}

/** The 401 for a request whose signature did not check out. */
export function refuseSignature(res: ServerResponse, check: Exclude<SignatureCheck, "ok">): void {
  sendText(res, 401, check === "stale" ? "request timestamp too old" : "invalid request signature");
}

/** Reads a signed request's body, or answers 413 (too large) or 400 and resolves undefined. */
export async function readBodyOrRefuse(
  req: IncomingMessage,
  res: ServerResponse,
  limit?: number,
): Promise<Buffer | undefined> {
  try {
    return await readBody(req, limit);
  } catch (err) {
    const status = (err as { status?: number }).status ?? 400;
    sendText(res, status, status === 413 ? "request body too large" : "could not read the request");
    return undefined;
  }
}
