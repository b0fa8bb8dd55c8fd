#!/usr/bin/env node
/**
 * `npm create livetsx my-app`: copies the starter (a counter, a list, a layout, the Vite config,
 * the tsconfig a view needs, a test) into a new folder, with this package's version of the
 * LiveTSX packages. Uses nothing but Node.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const { version } = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));

function fail(message) {
  console.error(`create-livetsx: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log("Usage: npm create livetsx <folder>\n\nCreates a LiveTSX app in <folder> (a new or empty one).");
  process.exit(0);
}
const target = args.find((a) => !a.startsWith("-")) ?? "livetsx-app";
const dir = resolve(target);
if (existsSync(dir) && readdirSync(dir).length > 0) fail(`${target} exists and is not empty: name a new folder.`);
const name = basename(dir)
  .toLowerCase()
  .replace(/[^a-z0-9._~-]+/g, "-")
  .replace(/^[._-]+/, "") || "livetsx-app";

cpSync(join(here, "template"), dir, { recursive: true });
// npm leaves a package's .gitignore out of its tarball: the template carries it under another name.
renameSync(join(dir, "_gitignore"), join(dir, ".gitignore"));
const pkgFile = join(dir, "package.json");
const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
pkg.name = name;
for (const deps of [pkg.dependencies, pkg.devDependencies]) {
  for (const dep of Object.keys(deps ?? {})) if (dep.startsWith("@livetsx/")) deps[dep] = `^${version}`;
}
writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");

const cd = relative(process.cwd(), dir) || ".";
console.log(`Created ${name} in ${dir}.

Next:
  cd ${cd}
  npm install
  npm run dev      # the dev server: edit src/views/*.tsx and the page reloads
  npm test         # the app's tests
  npm run build && npm start   # the production build and its server (set LIVETSX_SECRET)
`);
