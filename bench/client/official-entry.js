/**
 * The official client as an app's default entry loads it, for the size comparison in
 * bench/client/run.js: Phoenix LiveView's LiveSocket on Phoenix's Socket, connected.
 */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";

const liveSocket = new LiveSocket("/live", Socket);
liveSocket.connect();
window.liveSocket = liveSocket;
