// The W3C Nu HTML checker (vnu.jar from the npm package vnu-jar, run by Java from Debian's
// default-jre-headless). One Java start checks many pages: they are written to a folder of
// their own and handed over together; only errors count.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "./app.ts";

const vnuJar = String(createRequire(import.meta.url)("vnu-jar"));
export const javaPath = process.env.JAVA_PATH ?? "/usr/bin/java";
const installHint = "sudo apt-get install -y default-jre-headless";

/** Like skipWithoutChromium: false where Java is installed, and always under CI. */
export const skipWithoutJava: string | false = (() => {
  if (existsSync(javaPath) || process.env.CI) return false;
  const message = `Java is not installed at ${javaPath}; the HTML checker needs it. Install it with: ${installHint}`;
  console.error(`\n*** SKIPPING HTML CHECKER TESTS *** ${message}\n`);
  return message;
})();

export interface CheckedPage {
  /** What the page is, for the messages. */
  name: string;
  html: string;
}

interface NuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Every error the checker finds in the pages, as "page (line N): message «extract»". */
export async function nuErrors(t: TestContext, pages: CheckedPage[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "spreekuur-nu-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const files = await Promise.all(
    pages.map(async (page, i) => {
      const file = join(dir, `page-${i}.html`);
      await writeFile(file, page.html);
      return file;
    }),
  );
  const output = await new Promise<string>((resolve, reject) => {
    // Exit status 1 means "errors found"; the JSON on stdout says which.
    execFile(javaPath, ["-Xss2m", "-jar", vnuJar, "--format", "json", "--errors-only", "--stdout", ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && !stdout) reject(new Error(`the HTML checker failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
  const { messages } = JSON.parse(output) as { messages: NuMessage[] };
  return messages
    .filter((m) => m.type === "error" || m.subType === "fatal")
    .map((m) => {
      const index = Number(/page-(\d+)\.html$/.exec(m.url ?? "")?.[1] ?? -1);
      const name = pages[index]?.name ?? m.url ?? "?";
      return `${name} (line ${m.lastLine ?? "?"}): ${m.message}${m.extract ? ` «${m.extract.trim()}»` : ""}`;
    });
}
