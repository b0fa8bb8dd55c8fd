/**
 * The server side of the SSR benchmark. bench/ssr/run.js starts it once per side, each in a child
 * process of its own (`NODE_ENV=production`, `SSR_SIDE=<side>`), as each would be deployed: a
 * `node:http` server on 127.0.0.1 answering `GET /rows?n=N` with a full HTML page of the same
 * N-row table, and nothing else:
 *
 *  - livetsx:    `createLiveServer`'s own HTTP handler (the route's view mounted, rendered, put in
 *                its default layout with the signed session and static tokens and a CSRF cookie);
 *                the view is bench/server/views/rows.tsx compiled by our compiler (LIVETSX_VIEW).
 *  - react:      React 19 `renderToString` (react-dom/server, production build) of the same
 *                markup as elements, built from a fresh state per request as the view's mount
 *                builds it, in a page shell like LiveTSX's default layout.
 *  - liveviewjs: liveviewjs 0.8.1's own HTTP render, `handleHttpLiveView` (what its Express and
 *                Deno adaptors call): mount, handleParams, render, its `phx-main` container with
 *                the session serialized; the session is signed with HMAC-SHA256 here (its
 *                adaptors sign it as a JWT), the view as in bench/server/impls.js.
 *  - static:     the ceiling: LiveTSX's page, rendered once at startup, sent as it is.
 *
 * Each process also renders its side's view HTML alone, without HTTP, when asked (`renderAlone`).
 *
 * run.js asks for the port and the process's CPU time over IPC (`{ call, id }` → `{ id, result }`).
 */
import { createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
// liveviewjs through bench/server/impls.js first, which keeps its module load from asking the
// network for mime-db; the import after it gets the module already loaded.
const { scenarios } = await import("../server/impls.js");
const { createLiveView, handleHttpLiveView, safe } = await import("liveviewjs");

const SECRET = "ssr-benchmark-secret-that-is-long-enough-0123456789";
const CLIENT_SCRIPT = "/live.js";

const rowsOf = (url) => Number(new URL(url, "http://127.0.0.1").searchParams.get("n") ?? 1000);
const escape = (s) => String(s).replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A page shell like LiveTSX's default layout (runtime-server/src/http.ts), for the other two. */
function shell(title, csrfToken, content) {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="csrf-token" content="${escape(csrfToken)}">` +
    `<link rel="icon" href="data:,">` +
    `<title>${escape(title)}</title>` +
    `<script type="module" src="${CLIENT_SCRIPT}"></script>` +
    `</head><body>${content}</body></html>`
  );
}

function notFound(res) {
  res.statusCode = 404;
  res.end("not found");
}

function send(res, body) {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

// ---------------------------------------------------------------------------------------------
// LiveTSX

async function livetsxServer() {
  const { createLiveServer } = await import("@livetsx/server");
  const rows = (await import(pathToFileURL(process.env.LIVETSX_VIEW).href)).default;
  const live = createLiveServer({ secret: SECRET, routes: { "/rows": rows }, log: { info() {}, warn() {}, error() {} } });
  return createServer((req, res) => void live.handler(req, res, () => notFound(res)));
}

// ---------------------------------------------------------------------------------------------
// React 19

/** The rows view's markup (bench/server/views/rows.tsx) as React elements. */
function RowsPage({ count, rows, selected }) {
  return h(
    "main",
    null,
    h("p", null, "Clicks: ", count),
    h(
      "table",
      null,
      rows.map((row) =>
        h("tr", { key: row.id, className: row.id === selected ? "selected" : undefined }, h("td", null, row.id), h("td", null, row.label)),
      ),
    ),
  );
}

function reactServer() {
  return createServer((req, res) => {
    if (!req.url.startsWith("/rows")) return notFound(res);
    // The state as the view's mount builds it, per request.
    const n = rowsOf(req.url);
    const state = { count: 0, selected: null, rows: Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` })) };
    const csrf = randomBytes(18).toString("base64url");
    send(res, shell("LiveTSX", csrf, `<div id="root">${renderToString(h(RowsPage, state))}</div>`));
  });
}

// ---------------------------------------------------------------------------------------------
// liveviewjs 0.8.1

function lvjsServer() {
  const scenario = scenarios.rows;
  const liveView = createLiveView({
    mount: (socket, _session, params) => socket.assign(scenario.initial(params)),
    render: (ctx) => scenario.lvjsRender(ctx),
  });
  const serDe = {
    serialize: async (data) => {
      const body = Buffer.from(JSON.stringify(data)).toString("base64url");
      return `${body}.${createHmac("sha256", SECRET).update(body).digest("base64url")}`;
    },
    deserialize: async () => ({}),
  };
  let nextId = 0;
  const pageRenderer = (title, csrfToken, content) => safe(shell(title.title ?? "", csrfToken, content.toString()));
  return createServer((req, res) => {
    if (!req.url.startsWith("/rows")) return notFound(res);
    const url = new URL(req.url, "http://127.0.0.1");
    const adaptor = {
      getSessionData: () => ({}),
      getRequestUrl: () => url,
      getSerDe: () => serDe,
      onRedirect: () => notFound(res),
    };
    handleHttpLiveView(
      () => `lv${++nextId}`,
      () => randomBytes(18).toString("base64url"),
      liveView,
      adaptor,
      pageRenderer,
      { n: url.searchParams.get("n") ?? "1000" },
      { title: "LiveTSX" },
    ).then(
      (body) => (body === undefined ? undefined : send(res, body)),
      (error) => {
        res.statusCode = 500;
        res.end(String(error?.stack ?? error));
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The render alone, in this process, without HTTP: the view's HTML from a fresh state, each way.

const serverUrl = import.meta.resolve("@livetsx/server");
const { AssignsScope } = await import(new URL("diff.js", serverUrl).href);
const { bindScope } = await import(new URL("template.js", serverUrl).href);
const { renderToString: livetsxRenderToString } = await import("@livetsx/server");
const rowsView = (await import(pathToFileURL(process.env.LIVETSX_VIEW).href)).default;
const freshState = (n) => ({ count: 0, selected: null, rows: Array.from({ length: n }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` })) });
const renderAlone = {
  livetsx: (n) => {
    const assigns = freshState(n);
    bindScope(assigns, new AssignsScope(null, assigns, null));
    return livetsxRenderToString(rowsView.render(assigns));
  },
  react: (n) => renderToString(h(RowsPage, freshState(n))),
  liveviewjs: (n) => scenarios.rows.lvjsRender(freshState(n)).toString(),
};

// ---------------------------------------------------------------------------------------------
// The ceiling: the same node:http server answering with a page it already has (LiveTSX's, fetched
// once from its server at startup), nothing rendered or built per request. No renderer behind
// this server answers more pages a second than this.

let staticPage = null;
function staticServer() {
  return createServer((req, res) => {
    if (!req.url.startsWith("/rows") || staticPage === null) return notFound(res);
    send(res, staticPage);
  });
}

// This process's side (run.js starts one process per side).
const SIDE = process.env.SSR_SIDE;
const makers = { livetsx: livetsxServer, react: reactServer, liveviewjs: lvjsServer, static: staticServer };
if (!Object.hasOwn(makers, SIDE)) throw new Error(`SSR_SIDE must be one of ${Object.keys(makers).join(", ")}, got ${SIDE}`);
const servers = { [SIDE]: await makers[SIDE]() };
// The static side takes its page from a LiveTSX server of its own, once, before it listens.
if (SIDE === "static") servers.livetsx = await livetsxServer();
for (const server of Object.values(servers)) {
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}
if (SIDE === "static") {
  const { get } = await import("node:http");
  staticPage = await new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port: servers.livetsx.address().port, path: `/rows?n=${Number(process.env.SSR_ROWS ?? 1000)}` }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`livetsx answered ${res.statusCode}`))));
      res.on("error", reject);
    }).on("error", reject);
  });
  servers.livetsx.close();
  delete servers.livetsx;
}

const calls = {
  ports: () => ({ [SIDE]: servers[SIDE].address().port }),
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return { cpuUs: user + system, wallNs: process.hrtime.bigint().toString(), rss: process.memoryUsage().rss };
  },
  /** One render of each side's view HTML (to check they agree). */
  renderAloneHTML: ({ n }) => Object.fromEntries(Object.entries(renderAlone).map(([side, render]) => [side, render(n)])),
  /**
   * `iterations` renders of one side: CPU µs per render (this process's CPU
   * time, which other processes on the machine do not inflate as they do wall time), and wall µs.
   */
  renderAlone: ({ side, n, iterations }) => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < iterations; i++) bytes += renderAlone[side](n).length;
    const cpu = process.cpuUsage(cpu0);
    return { usPerRender: (cpu.user + cpu.system) / iterations, wallUsPerRender: Number(process.hrtime.bigint() - t0) / 1e3 / iterations, bytes };
  },
  stop: () => {
    setTimeout(() => process.exit(0), 20);
    return true;
  },
};
process.on("message", async ({ call, id, args }) => {
  try {
    process.send({ id, result: await calls[call](args) });
  } catch (error) {
    process.send({ id, error: String(error?.message ?? error) });
  }
});
process.send({ ready: true });
