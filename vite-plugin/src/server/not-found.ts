/** The page for a path that is neither a live route nor a file, in dev and in production. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHTML, type LiveServer } from "@livetsx/server";

/**
 * Answers 404: a page in the app's layout for a browser's page request, plain text for anything
 * else (a script or an image the page asked for).
 */
export function sendNotFound(live: LiveServer, req: IncomingMessage, res: ServerResponse): void {
  const wantsPage = (req.method === "GET" || req.method === "HEAD") && (req.headers.accept ?? "").includes("text/html");
  if (!wantsPage) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Not Found");
    return;
  }
  const path = (req.url ?? "/").split("?")[0]!;
  live.sendPage(req, res, {
    status: 404,
    title: "Page not found",
    content:
      `<div class="not-found"><h1>Page not found</h1>` +
      `<p>Nothing lives at <code>${escapeHTML(path)}</code>.</p><p><a href="/">Go to the home page</a></p></div>`,
  });
}
