import { defineConfig } from "vite";
import { livetsx } from "@livetsx/vite";
import { createRedisPubSub } from "@livetsx/redis";

export default defineConfig(async ({ command }) => ({
  plugins: [
    livetsx({
      routes: "src/routes.ts",
      layout: "src/layout.ts",
      // LiveTSX's client with the views' hooks, and a progress bar on page loads.
      client: "src/client.ts",
      // With REDIS_URL, PubSub and Presence go through Redis: the dev server here, the
      // production server through src/server-options.ts (which it reads at start).
      server: command === "serve" && process.env.REDIS_URL ? { pubsub: await createRedisPubSub({ url: process.env.REDIS_URL }) } : {},
      serverOptions: "src/server-options.ts",
    }),
  ],
  server: { host: "127.0.0.1" },
  // topbar ships as a UMD script: the dev server serves it as a module once pre-bundled.
  optimizeDeps: { include: ["topbar"] },
}));
