// Rebuild the vendored editor: `npm run vendor` (after `npm ci`, or after raising a version in package.json).
// Writes codemirror.min.js (one IIFE exposing `window.CM6`) and LICENSE (the licence of every
// package inside it, with its version), so that `make run` serves the editor without node.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const result = await build({
  entryPoints: [join(here, "bundle-entry.mjs")],
  outfile: join(here, "codemirror.min.js"),
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "CM6",
  target: "es2020",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

const packages = new Map();
for (const input of Object.keys(Object.values(result.metafile.outputs)[0].inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.set(match[1], join(root, "node_modules", match[1]));
}
const sections = [...packages].sort().map(([name, dir]) => {
  const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"].map((f) => join(dir, f)).find(existsSync);
  if (!file) throw new Error(`${name} ships no LICENSE file: check its licence by hand before vendoring it.`);
  return `${name} ${version} (${license})\n${"=".repeat(60)}\n\n${readFileSync(file, "utf8").trim()}\n`;
});
writeFileSync(
  join(here, "LICENSE"),
  "codemirror.min.js bundles the following packages, built by static/vendor/codemirror/build.mjs.\n\n" +
    sections.join("\n\n"),
);
console.log(`codemirror.min.js: ${packages.size} packages (${[...packages.keys()].join(", ")})`);
