/**
 * LiveTSX in Fastify 5: `await app.register(livetsx(live))`.
 */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { LiveServer } from "../server.js";

/**
 * A Fastify plugin for a LiveTSX server. Live routes and the built-in client script are answered
 * before Fastify's own routes (an `onRequest` hook, registered on the root instance whatever the
 * plugin's prefix, that takes the response over only when `live` answers); every other request
 * goes on to Fastify. The WebSocket endpoint is attached to `app.server`, and `app.close()`
 * closes `live` (its connections, its PubSub adapter) before the server stops listening.
 */
export function livetsx(live: LiveServer): FastifyPluginAsync {
  const plugin = async (app: FastifyInstance) => {
    live.attach(app.server);
    app.addHook("onRequest", async (request, reply) => {
      let passed = false;
      await live.handler(request.raw, reply.raw, () => {
        passed = true;
      });
      // `live` wrote the response to the raw one: Fastify must not send its own.
      if (!passed) reply.hijack();
    });
    app.addHook("preClose", async () => {
      await live.close();
    });
  };
  // Fastify's documented opt-out of encapsulation (what fastify-plugin sets): the hook must see
  // requests for paths no Fastify route has, which its root 404 handler answers.
  return Object.assign(plugin, { [Symbol.for("skip-override")]: true });
}
