/** The official Phoenix LiveView client with the test's external uploader. */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { uploaders } from "./uploaders.js";

const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token }, uploaders });
liveSocket.connect();
window.liveSocket = liveSocket;
