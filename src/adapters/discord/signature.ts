import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { checkSignatureHeaders, type SignatureCheck } from "../../platform/signed-request.ts";

export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error("DISCORD_PUBLIC_KEY must be 64 hexadecimal characters");
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(hex, "hex").toString("base64url") },
    format: "jwk",
  });
}

/** Discord signs timestamp + raw body with Ed25519; anything that does not verify is refused. */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds: number,
): SignatureCheck {
  const signed = checkSignatureHeaders(signature, timestamp, /^[0-9a-f]{128}$/i, nowSeconds);
  if (typeof signed === "string") return signed;
  const data = Buffer.concat([Buffer.from(signed.timestamp), body]);
  return verify(null, data, key, Buffer.from(signed.signature, "hex")) ? "ok" : "invalid";
}
