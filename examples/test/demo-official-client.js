/**
 * The demo's browser entry with the official Phoenix LiveView client instead of LiveTSX's: the
 * same hooks (those of the view modules) and the same progress bar as src/client.ts, for the
 * tests that run each demo page with both clients.
 */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { hooks } from "virtual:livetsx/hooks";
import "../src/progress.ts";

const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token }, hooks });
liveSocket.connect();
window.liveSocket = liveSocket;
