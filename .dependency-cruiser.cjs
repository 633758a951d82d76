/**
 * The project's layering, checked by `npm run lint:deps` (part of `npm run lint`).
 *
 *   src/core      neutral core (model, Bot routing, context, args, action codec, errors, clock)
 *   src/domain    pure rules shared by features (calendar, plan position, scoring)
 *   src/store     storage behind the core's interfaces
 *   src/content   the YAML study content and its schemas
 *   commands/     feature folders, one per slash command, gathered by commands/index.ts
 *   src/platform  what adapters get besides the core: the platform descriptor, the HTTP server, signed requests
 *   src/pictures  SVG to PNG with the shipped fonts (assets/fonts/), for the features' pictures
 *   src/adapters  one folder per platform (discord, slack, playground), each exporting one descriptor
 *   src/app, src/app.ts  the application services features use (groups, organizer rule, credit)
 *   src/main.ts, src/start.ts, src/config.ts, src/platforms.ts  the composition root
 *   testkit/      platform stand-ins, signed clients and a private redis-server, for tests and benchmarks
 *
 * Paths are relative to the repository root; every rule is an error. Each rule's `comment` says why.
 */

/** Every way dependency-cruiser labels an npm package. */
const NPM = ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-bundled", "npm-no-pkg", "npm-unknown"];
/** An npm package or a node builtin, for rules that only speak about the repository's own files. */
const EXTERNAL = [...NPM, "core"];

/** The composition root: the files that wire platforms, stores and features together. */
const COMPOSITION_ROOT = "^src/(main|start|config|platforms)[.]ts$";
/** src/app.ts, or an src/app/ folder should it grow into one. */
const APP = "^src/app([.]ts$|/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- src/core: the neutral core -------------------------------------------------------------
    {
      name: "core-imports-only-core",
      severity: "error",
      comment:
        "src/core is the neutral core every layer builds on, so inside the repository it may import only " +
        "src/core: not the domain, app, store, content, ops, scheduler, server, adapters or commands.",
      from: { path: "^src/core/" },
      to: { pathNot: "^src/core/", dependencyTypesNot: EXTERNAL, couldNotResolve: false },
    },
    {
      name: "core-npm-only-zod",
      severity: "error",
      comment:
        "Loading the core must stay cheap and platform-free: of npm packages it may use only zod " +
        "(no yaml, luxon, platform SDKs, ...).",
      from: { path: "^src/core/" },
      to: { dependencyTypes: NPM, pathNot: "^node_modules/zod/" },
    },
    {
      name: "core-builtins-only-crypto",
      severity: "error",
      comment:
        "Loading the core must not touch the file system, network or processes: of node's builtins " +
        "it may use only node:crypto.",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"], pathNot: "^(node:)?crypto$" },
    },

    // ---- src/domain: pure rules shared by features ----------------------------------------------
    {
      name: "domain-imports-only-core-domain-content",
      severity: "error",
      comment:
        "src/domain holds pure rules (calendar, plan position, scoring) that features share: inside the " +
        "repository it may import only src/core, src/domain and (types of) src/content, never the store, " +
        "app, adapters, commands, scheduler, ops, server or composition root.",
      from: { path: "^src/domain/" },
      to: {
        pathNot: "^src/(core|domain|content)/",
        dependencyTypesNot: EXTERNAL,
        couldNotResolve: false,
      },
    },
    {
      name: "domain-content-types-only",
      severity: "error",
      comment:
        "The domain may use content's types (import type ...) but not load content at run time: " +
        "that would pull the YAML loader and the file system into pure rules.",
      from: { path: "^src/domain/" },
      to: { path: "^src/content/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "domain-npm-only-luxon-zod-fsrs",
      severity: "error",
      comment:
        "Pure rules need dates, validation and the review scheduler, nothing more: of npm packages only luxon, zod and ts-fsrs.",
      from: { path: "^src/domain/" },
      to: { dependencyTypes: NPM, pathNot: "^node_modules/(@types/)?(luxon|zod|ts-fsrs)/" },
    },

    // ---- commands/: feature folders --------------------------------------------------------------
    {
      name: "commands-not-to-platforms-or-root",
      severity: "error",
      comment:
        "Features speak to users through the core's platform-neutral model, so they must not import an " +
        "adapter, the scheduler, the HTTP server or the composition root (main, start, config, platforms).",
      from: { path: "^commands/" },
      to: { path: ["^src/(adapters|scheduler|server)/", COMPOSITION_ROOT] },
    },
    {
      name: "commands-no-cross-feature",
      severity: "error",
      comment:
        "A feature (commands/<x>/) must not reach into another feature: what several share belongs in " +
        "src/domain or src/app. A feature's actions.ts is its public face (the buttons other features may put " +
        "on their posts), so that file alone may be imported. commands/index.ts (the feature list) and " +
        "commands/content-renderings.ts (every content message, for the content check) gather them all.",
      from: { path: "^commands/([^/]+)/" },
      to: { path: "^commands/", pathNot: ["^commands/$1/", "^commands/[^/]+/actions[.]ts$"] },
    },
    {
      name: "commands-only-gatherers-at-top",
      severity: "error",
      comment: "Feature code lives in commands/<feature>/; the only files at the top are the two gatherers.",
      from: { path: "^commands/[^/]+[.]ts$", pathNot: "^commands/(index|content-renderings)[.]ts$" },
      to: {},
    },

    // ---- src/adapters/<platform>: one folder per platform ----------------------------------------
    {
      name: "adapters-not-to-other-adapters",
      severity: "error",
      comment:
        "Each platform adapter stands alone, so that a platform can be changed or dropped without " +
        "touching the others: src/adapters/<p>/ must not import src/adapters/<q>/.",
      from: { path: "^src/adapters/([^/]+)/" },
      to: { path: "^src/adapters/", pathNot: "^src/adapters/$1/" },
    },
    {
      name: "adapters-imports-only-core",
      severity: "error",
      comment:
        "An adapter translates one platform to and from the core's model: inside the repository it may " +
        "import only src/core, src/platform (its descriptor type and the shared HTTP plumbing) and its own " +
        "folder (plus npm packages and node builtins), not the domain, app, store, content, scheduler, ops, " +
        "composition root or commands.",
      from: { path: "^src/adapters/", pathNot: "-cli[.]ts$" },
      to: {
        pathNot: "^src/(core|platform|adapters)/",
        dependencyTypesNot: EXTERNAL,
        couldNotResolve: false,
      },
    },
    {
      name: "adapter-cli-imports-only-root-and-content",
      severity: "error",
      comment:
        "An adapter's command-line entry point (*-cli.ts) is a small composition root of its own: besides " +
        "src/core and its own folder it may import the composition root (start, config, platforms, app), " +
        "src/platform, src/content and the command list, and nothing else of the repository.",
      from: { path: "^src/adapters/[^/]+/.*-cli[.]ts$" },
      to: {
        pathNot: [
          "^src/(core|adapters|content|platform)/",
          "^src/(start|config|platforms)[.]ts$",
          "^commands/index[.]ts$",
          APP,
        ],
        dependencyTypesNot: EXTERNAL,
        couldNotResolve: false,
      },
    },

    // ---- src/store and src/content ---------------------------------------------------------------
    {
      name: "store-imports-only-core-domain-store",
      severity: "error",
      comment:
        "The store keeps state by the domain's rules (calendar periods, scoring): inside the repository it " +
        "may import only src/core, src/domain and src/store (plus npm packages), not the app, commands, " +
        "adapters or scheduler.",
      from: { path: "^src/store/" },
      to: { pathNot: "^src/(core|domain|store)/", dependencyTypesNot: EXTERNAL, couldNotResolve: false },
    },
    {
      name: "platform-imports-only-core",
      severity: "error",
      comment:
        "src/platform is what every adapter builds on besides the core (descriptor type, HTTP server, " +
        "signed requests): inside the repository it may import only src/core and itself.",
      from: { path: "^src/platform/" },
      to: { pathNot: "^src/(core|platform)/", dependencyTypesNot: EXTERNAL, couldNotResolve: false },
    },
    {
      name: "content-not-to-adapters",
      severity: "error",
      comment:
        "Content is platform-neutral; where it needs the platforms' limits (its CLI) it goes through " +
        "src/platforms.ts, not an adapter.",
      from: { path: "^src/content/" },
      to: { path: "^src/adapters/" },
    },

    // ---- src/pictures: drawing shared by features ----------------------------------------------------
    {
      name: "pictures-imports-only-core-pictures",
      severity: "error",
      comment:
        "src/pictures draws SVG to PNG with the shipped fonts for any feature: inside the repository it may " +
        "import only src/core and itself; what a picture shows is the feature's (commands/<f>/).",
      from: { path: "^src/pictures/" },
      to: { pathNot: "^src/(core|pictures)/", dependencyTypesNot: EXTERNAL, couldNotResolve: false },
    },

    // ---- tests and benchmarks stay out of what ships ---------------------------------------------
    {
      name: "not-to-test",
      severity: "error",
      comment:
        "Code that ships (src, commands), the test kit and the benchmarks must not depend on the tests or " +
        "their support files; what tests and benchmarks share lives in testkit/.",
      from: { path: "^(src|commands|bench|testkit)/" },
      to: { path: "^test/" },
    },
    {
      name: "not-to-testkit",
      severity: "error",
      comment: "Code that ships (src, commands) must not depend on the test kit's stand-ins.",
      from: { path: "^(src|commands)/" },
      to: { path: "^testkit/" },
    },
    {
      name: "not-to-bench",
      severity: "error",
      comment: "Code that ships (src, commands) must not depend on the benchmarks.",
      from: { path: "^(src|commands)/" },
      to: { path: "^bench/" },
    },

    // ---- generic hygiene --------------------------------------------------------------------------
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Modules that ship must not depend on each other in a circle (type imports included): a cycle means " +
        "two modules are one in disguise, or a layer imports upward.",
      from: { path: "^(src|commands)/" },
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "This module imports something that cannot be found on disk: a typo in a path, a deleted file, " +
        "or an npm package that is not installed.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-non-package-json",
      severity: "error",
      comment:
        "This module uses an npm package that package.json does not list (it is only there as somebody " +
        "else's dependency), so its version is not ours to choose and it may vanish: add it to package.json.",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "not-to-dev-dep",
      severity: "error",
      comment:
        "Code that ships (src, commands) may use only packages from package.json's dependencies: " +
        "devDependencies (optional and peer ones too) are for test/ and bench/ and are not installed in " +
        "production (`npm ci --omit=dev`). Type packages (@types/...) are fine.",
      from: { path: "^(src|commands)/" },
      to: {
        dependencyTypes: ["npm-dev", "npm-optional", "npm-peer"],
        dependencyTypesNot: ["npm"],
        pathNot: "^node_modules/@types/",
      },
    },
  ],

  options: {
    // Look at npm packages (to name them) but do not cruise into them.
    doNotFollow: { path: "node_modules" },
    // Type-only imports are dependencies too (the layering is about design, not just run time); they are
    // labelled "type-only" so that rules can tell them apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
