/**
 * The HTTP render: a GET of a live route mounts the view (not connected), renders it and sends a
 * full page whose container carries the signed tokens the WebSocket join presents.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHTML } from "./escape.js";
import { DeadNested } from "./nested.js";
import { Rendered } from "./template.js";
import { ViewSocket } from "./socket.js";
import { direct, liveSessionValues, mountView, paramsView } from "./lifecycle.js";
import { connectInfoOf, readConnectInfo } from "./connect-info.js";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret, parseCookies, randomId, serializeCookie, signToken, verifyToken } from "./session.js";

/** The cookie the client sets with a redirect's signed flash (Phoenix's name). */
export const FLASH_COOKIE = "__phoenix_flash__";
import type { ServerContext, SessionToken } from "./context.js";

/** What a layout receives to build the page around a view. */
export interface LayoutPage {
  /** The page title: `socket.pageTitle(…)` from mount, or the server's default. */
  title: string;
  /** For `<meta name="csrf-token" content="…">`: the client sends it back when it connects. */
  csrfToken: string;
  /** The view's container element, server-rendered content included. */
  view: string;
  /** The URL of the client script. */
  clientScript: string;
}

/** The default page: a minimal document with the CSRF meta tag, the title and the client script. */
export function defaultLayout(page: LayoutPage): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="csrf-token" content="${escapeHTML(page.csrfToken)}">` +
    // An empty icon: without one the browser asks for /favicon.ico, which nothing serves.
    `<link rel="icon" href="data:,">` +
    `<title>${escapeHTML(page.title)}</title>` +
    `<script type="module" src="${escapeHTML(page.clientScript)}"></script>` +
    `</head><body>${page.view}</body></html>`
  );
}

export interface HttpOptions {
  layout: (page: LayoutPage) => string;
  title: string;
  clientScript: string;
  session: (req: IncomingMessage) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

export type Next = (error?: unknown) => void;

/** A page in the layout that is no live view (a 404 page, say). */
export interface PlainPage {
  /** The response's status. @default 200 */
  status?: number;
  /** The page title. */
  title: string;
  /** HTML put where a view's container would go, as it is (escape what it quotes). */
  content: string;
}

/**
 * Sends `page` in the layout. It gets a CSRF token like a live page, so the layout's client
 * script connects as on any other page and its live links keep working.
 */
export function sendPlainPage(ctx: ServerContext, options: HttpOptions, req: IncomingMessage, res: ServerResponse, page: PlainPage): void {
  let csrfSecret = parseCookies(req.headers.cookie)[CSRF_COOKIE];
  if (!csrfSecret) {
    csrfSecret = newCsrfSecret();
    res.appendHeader("set-cookie", serializeCookie(CSRF_COOKIE, csrfSecret, { httpOnly: true, sameSite: "Lax" }));
  }
  const html = options.layout({
    title: page.title,
    csrfToken: csrfTokenFor(ctx.options.secret, csrfSecret),
    view: page.content,
    clientScript: options.clientScript,
  });
  sendHTML(req, res, page.status ?? 200, html);
}

/**
 * Sends a page as one string with its length: Node then writes the head and the body together,
 * where a body of unknown length would go chunked, in more pieces. A HEAD gets the same length
 * and no body. A page whose UTF-8 length is its length in UTF-16 code units is all ASCII (any
 * code unit from 0x80 up takes two bytes or more), and ASCII's Latin-1 bytes are its UTF-8
 * bytes: it is written as Latin-1, a copy, where UTF-8 would check every character again.
 */
function sendHTML(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  const length = Buffer.byteLength(html);
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-length": length });
  if (req.method === "HEAD") res.end();
  else res.end(html, length === html.length ? "latin1" : "utf8");
}

/** The HTTP render's renderer of the `<LiveView>`s in the view of `token` (see `nested.ts`). */
function nestedRenderer(ctx: ServerContext, id: string, token: SessionToken, url: URL, csrfToken: string): DeadNested {
  const nested = { secret: ctx.options.secret, dev: ctx.options.dev, sticky: ctx.stickyViews, entryHTML: ctx.options.entryHTML };
  return new DeadNested(nested, id, { route: token.route, liveSession: token.liveSession, session: token.session, url: url.href }, csrfToken);
}

/** Connect-style middleware: renders live routes, passes everything else to `next`. */
export function httpHandler(ctx: ServerContext, options: HttpOptions) {
  // The handler is often called without being awaited (`void live.handler(req, res, next)`), where
  // a rejection would end the process: it never rejects, whatever the request or `next` does.
  return async (req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> => {
    try {
      await handle(ctx, options, req, res, next);
    } catch (error) {
      try {
        ctx.log.error(`HTTP ${req.method} ${req.url} failed`, error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        if (!res.writableEnded) res.end("Internal Server Error");
      } catch {
        res.destroy();
      }
    }
  };
}

/**
 * The URL of a request, or null when its target or Host header is not one. Both are the
 * client's: an absolute-form target (`GET http://[ HTTP/1.1`) or a `Host: [` makes `new URL`
 * throw. The path is read first against a fixed base, so a bad Host header on a path that is no
 * live route still goes to `next`.
 */
function requestURL(req: IncomingMessage): { path: URL; url: () => URL | null } | null {
  const target = req.url ?? "/";
  let path: URL;
  try {
    path = new URL(target, "http://localhost");
  } catch {
    return null;
  }
  return {
    path,
    url: () => {
      try {
        return new URL(target, `http://${req.headers.host ?? "localhost"}`);
      } catch {
        return null;
      }
    },
  };
}

async function handle(ctx: ServerContext, options: HttpOptions, req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> {
  const pass = () => {
    if (next) next();
    else {
      res.statusCode = 404;
      res.end("Not Found");
    }
  };
  const badRequest = (why: string) => {
    ctx.log.warn(`refused an HTTP request: ${why}`);
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end("Bad Request");
  };
  if (req.method !== "GET" && req.method !== "HEAD") return pass();
  const request = requestURL(req);
  if (!request) return badRequest("the request target is not a valid URL");
  const match = ctx.router.match(request.path);
  if (!match) return pass();
  const url = request.url();
  if (!url) return badRequest("the Host header is not a valid host");
  try {
    const cookies = parseCookies(req.headers.cookie);
    let csrfSecret = cookies[CSRF_COOKIE];
    if (!csrfSecret) {
      csrfSecret = newCsrfSecret();
      res.appendHeader("set-cookie", serializeCookie(CSRF_COOKIE, csrfSecret, { httpOnly: true, sameSite: "Lax" }));
    }
    const { view, liveSession, session: live, onMount } = match.view;
    const session = live.session === undefined ? await options.session(req) : { ...(await options.session(req)), ...(await liveSessionValues(live, req)) };
    const id = randomId();
    const socket = new ViewSocket<Record<string, unknown>>(id, false, {}, null, ctx.options.dev);
    // A redirect's flash arrives in a short-lived cookie the client set; it is read once.
    const flashCookie = cookies[FLASH_COOKIE];
    const flash = flashCookie ? verifyToken<{ kind: string; flash: Record<string, string> }>(ctx.options.secret, flashCookie) : null;
    if (flashCookie) res.appendHeader("set-cookie", serializeCookie(FLASH_COOKIE, "", { httpOnly: false, maxAgeSeconds: 0 }));
    // Every view can put the page's CSRF token in its forms (`<Form csrfToken={csrfToken}>`).
    const csrfToken = csrfTokenFor(ctx.options.secret, csrfSecret);
    const pageFlash = flash?.ok && flash.payload.kind === "flash" ? flash.payload.flash : {};
    socket.assign({ flash: pageFlash, csrfToken });
    socket.mountInfo = connectInfoOf(readConnectInfo(req, ctx.options.connectInfo));
    const navigated = () => socket.effects.navigation !== null;
    let halted: boolean;
    try {
      halted = await mountView(onMount, view, match.params, session, socket, navigated, direct);
    } finally {
      socket.mountInfo = null;
    }
    // As Phoenix: a mount that navigates away has its page's params unread.
    if (!halted && !navigated()) await paramsView(view, match.params, url, socket, direct);
    const effects = socket.takeEffects();
    if (effects.navigation) {
      res.writeHead(302, { location: effects.navigation.to });
      res.end();
      return;
    }
    const tree = view.render(socket.assigns);
    if (!(tree instanceof Rendered)) throw new TypeError(`render of ${match.pattern} must return JSX`);
    const sessionToken: SessionToken = {
      kind: "session",
      id,
      route: match.pattern,
      liveSession,
      session,
      ...(Object.keys(pageFlash).length > 0 ? { flash: pageFlash } : {}),
    };
    const container =
      `<div id="${id}" data-phx-main data-phx-session="${escapeHTML(signToken(ctx.options.secret, sessionToken))}" ` +
      `data-phx-static="${escapeHTML(signToken(ctx.options.secret, { kind: "static", id }))}">${await nestedRenderer(ctx, id, sessionToken, url, csrfToken).renderTree(tree)}</div>`;
    const html = (live.layout ?? options.layout)({
      title: effects.title ?? options.title,
      csrfToken,
      view: container,
      clientScript: options.clientScript,
    });
    sendHTML(req, res, 200, html);
  } catch (error) {
    ctx.log.error(`HTTP render of ${url.pathname} failed`, error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("Internal Server Error");
  }
}
