import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Where the bundle is written by `npm run build`, over tsc's dist/src/main.js. */
export const BUNDLE_DIR = join(ROOT, "dist", "src");
/** The metafile: which source and package files went into which output file. */
export const BUNDLE_META = "bundle-meta.json";

/**
 * zod's `locales` namespace (`z.locales.de()` and 40-odd others, half of zod's code) for `z.config()`;
 * the bot never calls it, and its messages are English, the locale zod configures itself with.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index[.]js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: "js",
      resolveDir: join(ROOT, "node_modules", "zod", "v4", "locales"),
    }));
  },
};

/**
 * Packages left out of the bundle and loaded from node_modules as they are required: iconv-lite (Bolt's
 * body parser requires it) holds half a megabyte of encoding tables that it loads only for a charset
 * other than UTF-8, which in a bundle would be read and kept whatever is used; @resvg/resvg-js is a
 * native module (its prebuilt binary is a package of its own per platform).
 */
const EXTERNAL = ["iconv-lite", "@resvg/resvg-js"];

/**
 * The bot's production bundle: src/main.ts and the content loader's child process, with every
 * package they load, as ES modules with code splitting (each platform's transport and SDK stays in
 * chunks that load only when that platform starts). Every output file lands in one folder, so the
 * content loader finds its child's file next to its own wherever the splitting put it.
 */
export async function bundle(outdir: string = BUNDLE_DIR, extra: BuildOptions = {}): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: "src/main.ts", "load-child": "src/content/load-child.ts" },
    outdir,
    chunkNames: "[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    metafile: true,
    plugins: [zodEnglishOnly],
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle still call require() for node's builtins.
    banner: {
      js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
    },
    logLevel: "warning",
    ...extra,
  });
  const { metafile } = result;
  if (!metafile) throw new Error("esbuild returned no metafile");
  writeFileSync(join(outdir, BUNDLE_META), JSON.stringify(metafile));
  return metafile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundle();
