// The copy of the project the test command runs the suite from: src/, test/ and scripts/
// copied into a temporary folder, each .ts file with its JavaScript beside it (esbuild's
// transform, the one tsx applies to each file as it loads it), and every other entry of
// the project linked in (views, prisma, node_modules, package.json, …), so paths found
// from the project root resolve as they do in the project itself.
//
// Why: a test process started with `--import tsx` hands every module it loads, the
// dependencies' too, to the loader thread; that doubled what starting a test file costs
// (≈3 s of CPU, most of a typical file's). Plain node loads the JavaScript at once. The
// .ts files stay beside it for what starts its own process from source (servers through
// tsx, `npm start`'s build), and for failure reports, which inline source maps point at.
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

/** Copied and compiled; everything else at the top of the project is linked. */
const compiled = ["src", "test", "scripts"];
/** Neither: the copy builds its own dist/ (`npm start` in test/server.test.ts). */
const left = new Set([".git", "dist", "data", ".tap", "coverage"]);

/**
 * Every import stays an import (nothing is bundled); a relative one of a .ts file now
 * names the .js beside it.
 */
const eachFileAlone: Plugin = {
  name: "each-file-alone",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      return { path: args.path.startsWith(".") ? args.path.replace(/\.ts$/, ".js") : args.path, external: true };
    });
  },
};

export async function makeTestTree(root: string, into: string): Promise<void> {
  // Screenshots go to the project's own test-output/, for people to look at.
  mkdirSync(join(root, "test-output"), { recursive: true });
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (compiled.includes(entry)) cpSync(join(root, entry), join(into, entry), { recursive: true });
    else if (!left.has(entry)) symlinkSync(join(root, entry), join(into, entry));
  }
  const sources = compiled.flatMap((dir) =>
    (readdirSync(join(into, dir), { recursive: true }) as string[])
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
      .map((file) => join(into, dir, file)),
  );
  await build({
    entryPoints: sources,
    outdir: into,
    outbase: into,
    bundle: true,
    plugins: [eachFileAlone],
    platform: "node",
    format: "esm",
    target: "node24",
    sourcemap: "inline",
    logLevel: "warning",
  });
  const missing = sources.filter((file) => !existsSync(file.replace(/\.ts$/, ".js")));
  if (missing.length > 0) throw new Error(`not compiled: ${missing.join(", ")}`);
}
