import { createHmac, timingSafeEqual } from "node:crypto";

/** How old a signed request may be before it is refused as a replay. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export type SignatureCheck = "ok" | "missing" | "stale" | "invalid";

/**
 * Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, sent hex
 * encoded as `v0=…`. Compared in constant time with node:crypto.
 */
export function checkSlackSignature(
  secret: string,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds: number,
): SignatureCheck {
  if (!signature || !timestamp) return "missing";
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) return "invalid";
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return "stale";
  const expected = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature.slice(3), "hex")) ? "ok" : "invalid";
}
