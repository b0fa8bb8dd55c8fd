/** The official Phoenix LiveView client with the test's external uploader and hooks. */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { uploaders } from "./uploaders.js";
import { hooks } from "./hooks.js";

const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token }, uploaders, hooks });
liveSocket.connect();
window.liveSocket = liveSocket;
