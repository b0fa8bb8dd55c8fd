/** The official Phoenix LiveView client with the lifecycle test's hook. */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { hooks } from "./hooks.js";

const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token }, hooks });
liveSocket.connect();
window.liveSocket = liveSocket;
