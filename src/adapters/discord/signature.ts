import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** How old a signed request may be before it is refused as a replay. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error("DISCORD_PUBLIC_KEY must be 64 hexadecimal characters");
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(hex, "hex").toString("base64url") },
    format: "jwk",
  });
}

export type SignatureCheck = "ok" | "missing" | "stale" | "invalid";

/** Discord signs timestamp + raw body with Ed25519; anything that does not verify is refused. */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds: number,
): SignatureCheck {
  if (!signature || !timestamp) return "missing";
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{128}$/i.test(signature)) return "invalid";
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return "stale";
  const signed = Buffer.concat([Buffer.from(timestamp), body]);
  return verify(null, signed, key, Buffer.from(signature, "hex")) ? "ok" : "invalid";
}
