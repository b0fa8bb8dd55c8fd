/**
 * The browser entry for the conformance suite: the official Phoenix LiveView client
 * (phoenix_live_view@1.2.x with phoenix@1.8.x) instead of LiveTSX's own, pointed at a LiveTSX
 * server. The Vite plugin loads it through its `client` option.
 *
 * `params` goes both into the socket URL (`/live/websocket?_csrf_token=…&vsn=2.0.0`, the Phoenix
 * Socket's params) and into every join's `params`, which is where LiveTSX checks the token. The
 * hooks of the app's view modules come from `virtual:livetsx/hooks`.
 */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { hooks } from "virtual:livetsx/hooks";

const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token }, hooks });
liveSocket.connect();
window.liveSocket = liveSocket;
