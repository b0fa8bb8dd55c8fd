/**
 * The standalone client script, served by the server itself so that an app without a bundler of
 * its own (node:http, Express, Fastify, Hono) needs nothing else: `@livetsx/client/browser`
 * (bundled by that package's build, morphdom included) at `${path}/client.js`, and its source
 * map beside it.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { Logger } from "./context.js";

interface Asset {
  file: string;
  type: string;
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

/**
 * Answers GET and HEAD of `url` (the script) and `${url}.map`; returns false for every other
 * request, which goes on to the HTTP render. Files are read on first use and again when they
 * change on disk (a rebuilt client in development); a revalidation with the same ETag gets 304.
 */
export function clientScriptHandler(url: string, log: Logger): (req: IncomingMessage, res: ServerResponse) => boolean {
  const assets = new Map<string, Asset>();
  let script: string | null = null;
  let reported = false;

  const load = (path: string, type: string): Asset | null => {
    try {
      script ??= createRequire(import.meta.url).resolve("@livetsx/client/browser");
      const file = path === url ? script : `${script}.map`;
      const { mtimeMs } = statSync(file);
      const cached = assets.get(path);
      if (cached?.mtimeMs === mtimeMs) return cached;
      const body = readFileSync(file);
      const asset = { file, type, mtimeMs, body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
      assets.set(path, asset);
      return asset;
    } catch (error) {
      if (!reported) {
        reported = true;
        log.error(
          `the client script (@livetsx/client/browser, dist/browser/client.js) could not be read: ` +
            `build @livetsx/client (npm run build in its folder), or set the server's clientScript to a script of your own`,
          error,
        );
      }
      return null;
    }
  };

  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const target = req.url ?? "/";
    const path = target.split("?", 1)[0];
    const type = path === url ? "text/javascript; charset=utf-8" : path === `${url}.map` ? "application/json" : null;
    if (!type) return false;
    const asset = load(path!, type);
    if (!asset) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("The LiveTSX client script is missing: see the server's log.");
      return true;
    }
    const headers = { "content-type": asset.type, "cache-control": "no-cache", etag: asset.etag };
    if (req.headers["if-none-match"] === asset.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, "content-length": asset.body.length });
    res.end(req.method === "HEAD" ? undefined : asset.body);
    return true;
  };
}
