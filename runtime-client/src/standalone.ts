/**
 * The client script a LiveTSX server serves itself, at `${path}/client.js`, for apps without a
 * bundler of their own (the adapters for node:http, Express, Fastify and Hono): it connects every
 * view on the page over the socket beside it, `${path}/websocket`. `npm run build` bundles it,
 * morphdom included, into `dist/browser/client.js`.
 */
import { LiveSocket } from "./live-socket.js";

// The script's own URL says where the socket is: served at /live/client.js, it connects to /live.
// (Not `new URL(".", import.meta.url)`: bundlers take that for an asset to inline.)
const path = new URL(import.meta.url).pathname.replace(/\/[^/]*$/, "");
const liveSocket = new LiveSocket(path);
liveSocket.connect();
(window as unknown as { liveSocket: LiveSocket }).liveSocket = liveSocket;
