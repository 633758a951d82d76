import { createHmac, timingSafeEqual } from "node:crypto";
import { checkSignatureHeaders, type SignatureCheck } from "../../platform/signed-request.ts";

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
  const signed = checkSignatureHeaders(signature, timestamp, /^v0=[0-9a-f]{64}$/, nowSeconds);
  if (typeof signed === "string") return signed;
  const expected = createHmac("sha256", secret).update(`v0:${signed.timestamp}:`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signed.signature.slice(3), "hex")) ? "ok" : "invalid";
}
