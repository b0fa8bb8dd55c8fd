/**
 * LiveTSX in Hono on `@hono/node-server`: `app.use(livetsx(live))`, then
 * `live.attach(serve({ fetch: app.fetch, port }))`.
 */
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { MiddlewareHandler } from "hono";
import type { LiveServer } from "../server.js";

/**
 * Hono middleware for a LiveTSX server. It needs Node's own request and response, which
 * `@hono/node-server` passes as `c.env.incoming` and `c.env.outgoing`: live routes and the
 * built-in client script are written there (and Hono told the response is sent); every other
 * request goes on to the next handler. Register it before your routes.
 */
export function livetsx(live: LiveServer): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    const { incoming, outgoing } = c.env ?? {};
    if (!incoming) throw new Error("livetsx(): Hono is not running on @hono/node-server (c.env.incoming is missing)");
    // A WebSocket upgrade handed to Hono by @hono/node-server's own WebSocket support has no response.
    if (!outgoing) return next();
    let passed = false;
    await live.handler(incoming, outgoing, () => {
      passed = true;
    });
    if (passed) return next();
    return RESPONSE_ALREADY_SENT;
  };
}
