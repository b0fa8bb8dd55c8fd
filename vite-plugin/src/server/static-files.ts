/**
 * The built client and `public/` as files: hashed files (under the assets directory, named by
 * their content) are cached for a year and never revalidated; every other file is revalidated
 * on each use (its ETag makes that a 304), so a new deploy is seen at once.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";

/** `Cache-Control` of hashed files: a new build gives them new names. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** `Cache-Control` of files whose name stays the same across builds (`public/`). */
export const REVALIDATE = "public, max-age=0, must-revalidate";

/** Serves `dir` (dotfiles such as `.vite/manifest.json` never); a miss goes on to `next`. */
export function staticFiles(dir: string, assetsDir: string) {
  const hashed = `/${assetsDir.replace(/^\/+|\/+$/g, "")}/`;
  return sirv(dir, {
    dev: false,
    etag: true,
    dotfiles: false,
    // The build's `.br` and `.gz` copies, for the browsers that accept them.
    brotli: true,
    gzip: true,
    // `/counter` is a live route, never `counter.html`.
    extensions: [],
    setHeaders(res: ServerResponse, pathname: string) {
      res.setHeader("cache-control", pathname.startsWith(hashed) ? IMMUTABLE : REVALIDATE);
    },
  }) as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}
