/**
 * The demo: compiles the views in ./views and serves, for each, its server-rendered HTML next to
 * what the compiler made of it (statics, slots and their deps).
 *
 *   npm start            (from the repository root)
 *   PORT=4000 npm start  (pick a port; the default is 4000, 0 picks a free one)
 */
import { createServer } from "node:http";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compile, formatDiagnostic } from "@livetsx/compiler";
import { escapeHTML, renderToString } from "@livetsx/server";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, ".out");
mkdirSync(out, { recursive: true });

/** Runs a view's mount and collects the assigns it sets. */
function mountAssigns(view) {
  const assigns = {};
  const socket = {
    connected: false,
    assign: (values) => Object.assign(assigns, values),
    update: (key, fn) => Object.assign(assigns, { [key]: fn(assigns[key]) }),
  };
  view.mount?.({}, {}, socket);
  return assigns;
}

const views = [];
for (const file of readdirSync(join(here, "views")).filter((f) => f.endsWith(".tsx")).sort()) {
  const source = readFileSync(join(here, "views", file), "utf8");
  const result = compile(source, { filename: `views/${file}` });
  for (const d of result.diagnostics) console.warn(formatDiagnostic(d));
  const target = join(out, file.replace(/\.tsx$/, ".mjs"));
  writeFileSync(target, result.code);
  const view = (await import(pathToFileURL(target).href)).default;
  const html = renderToString(view.render(mountAssigns(view)));
  views.push({ name: file.replace(/\.tsx$/, ""), source, result, html });
}

const style = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330}nav{background:#1d2330;padding:.8em 1.5em}
nav a{color:#fff;margin-right:1.2em;text-decoration:none}main{padding:1.5em;max-width:70em}
pre{background:#f4f5f8;padding:1em;overflow:auto;font-size:13px}.live{border:1px solid #d0d4de;padding:1em;border-radius:6px}
table{border-collapse:collapse}td,th{border-bottom:1px solid #e2e5ec;padding:.3em .8em;text-align:left;font-size:13px}code{font-size:13px}`;

function page(view) {
  const rows = view.result.metadata.templates.flatMap((t) =>
    t.slots.map((s, i) => `<tr><td>${t.id}</td><td>${i}</td><td><code>${escapeHTML(s.code)}</code></td>` +
      `<td>${s.deps === "*" ? `always (${escapeHTML(s.reason ?? "")})` : escapeHTML(s.deps.join(", "))}</td></tr>`),
  ).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>LiveTSX: ${view.name}</title><style>${style}</style></head>
<body><nav>${views.map((v) => `<a href="/${v.name}">${v.name}</a>`).join("")}</nav><main>
<h2>Server-rendered</h2><div class="live">${view.html}</div>
<h2>Slots and their deps</h2><table><tr><th>template</th><th>slot</th><th>code</th><th>deps</th></tr>${rows}</table>
<h2>Compiled module</h2><pre>${escapeHTML(view.result.code)}</pre>
<h2>Source</h2><pre>${escapeHTML(view.source)}</pre></main></body></html>`;
}

const server = createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname.slice(1)) || views[0].name;
  const view = views.find((v) => v.name === name);
  res.writeHead(view ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
  res.end(view ? page(view) : "Not found");
});
server.listen(Number(process.env.PORT ?? 4000), "127.0.0.1", () => {
  console.log(`LiveTSX demo: http://127.0.0.1:${server.address().port}/`);
});
