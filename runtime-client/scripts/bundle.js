/**
 * Bundles the standalone client (src/standalone.ts, morphdom included) into one minified ES
 * module with its source map, dist/browser/client.js: the script a LiveTSX server serves at
 * `${path}/client.js` when the app has no bundler of its own. Written to a temporary folder and
 * renamed into place, so a server reading it never sees half a file.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = `${root}dist/browser`;
const tmp = `${root}dist/.browser-${process.pid}`;
await build({
  configFile: false,
  logLevel: "warn",
  root,
  build: {
    outDir: tmp,
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: { entry: `${root}src/standalone.ts`, formats: ["es"], fileName: () => "client.js" },
    // Vite's lib mode leaves an ES build's whitespace in place unless the output minifies too.
    rollupOptions: { output: { codeSplitting: false, minify: true } },
  },
});
// File by file: each rename replaces one file at once, whoever else is building or reading.
mkdirSync(out, { recursive: true });
for (const file of readdirSync(tmp)) renameSync(`${tmp}/${file}`, `${out}/${file}`);
rmSync(tmp, { recursive: true, force: true });
