import { Agent, request } from "undici";
import { UserError } from "../core/errors.ts";

/** How long a member's file may take to arrive, from the request to its last byte. */
export const DOWNLOAD_TIMEOUT_MS = 10_000;

const agent = new Agent({ headersTimeout: DOWNLOAD_TIMEOUT_MS, bodyTimeout: DOWNLOAD_TIMEOUT_MS });

/**
 * Fetches a file a member attached (a Discord attachment's URL, Slack's url_private_download with
 * the bot's token), stopping at `maxBytes`: a larger file is refused as soon as its stated length or
 * its bytes so far say so, and one that does not arrive within the timeout is refused too.
 */
export async function downloadFile(
  url: string,
  options: { name: string; maxBytes: number; headers?: Record<string, string>; timeoutMs?: number },
): Promise<Uint8Array> {
  const tooLarge = () =>
    new UserError(
      "file-too-large",
      `${options.name} is larger than the ${Math.floor(options.maxBytes / 1024)} KB this takes.`,
    );
  const unreachable = (why: string) =>
    new UserError("file-unreachable", `I could not fetch ${options.name} (${why}). Please try again.`);
  let res;
  try {
    res = await request(url, {
      method: "GET",
      headers: options.headers,
      dispatcher: agent,
      signal: AbortSignal.timeout(options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS),
    });
  } catch (err) {
    throw unreachable(err instanceof Error && err.name === "TimeoutError" ? "it took too long" : "no answer");
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw unreachable(`the platform answered ${res.statusCode}`);
  }
  const stated = Number(res.headers["content-length"]);
  if (Number.isFinite(stated) && stated > options.maxBytes) {
    await res.body.dump();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBytes) {
        res.body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw unreachable("it stopped arriving");
  }
  return new Uint8Array(Buffer.concat(chunks));
}
