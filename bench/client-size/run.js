/**
 * The browser client's size: the default entry (`LiveSocket` with morphdom, everything a page
 * loads) bundled and minified by Vite, its whitespace too (Vite's lib mode leaves an ES build's
 * whitespace in place unless the output is minified as well, as the served client's build asks),
 * then gzipped. Writes bench/results/client-size.json.
 *
 *   npm run bench:client-size -w bench   (builds the packages first)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const entry = fileURLToPath(new URL("../../runtime-client/dist/entry.js", import.meta.url));
const result = await build({
  configFile: false,
  logLevel: "silent",
  build: { write: false, minify: true, lib: { entry, formats: ["es"], fileName: "client" }, rollupOptions: { output: { codeSplitting: false, minify: true } } },
});
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const code = outputs.filter((o) => o.type === "chunk").map((o) => o.code).join("\n");
const minified = Buffer.byteLength(code);
const gzipped = gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`client: ${kb(minified)} minified, ${kb(gzipped)} min+gzip (target <= 20 KB)`);
mkdirSync(fileURLToPath(new URL("../results", import.meta.url)), { recursive: true });
writeFileSync(
  fileURLToPath(new URL("../results/client-size.json", import.meta.url)),
  JSON.stringify({ date: new Date().toISOString(), entry: "runtime-client/dist/entry.js", minifiedBytes: minified, gzipBytes: gzipped }, null, 2) + "\n",
);
