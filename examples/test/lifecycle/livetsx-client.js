/** LiveTSX's client with the lifecycle test's hook. */
import { LiveSocket } from "@livetsx/client";
import { hooks } from "./hooks.js";

const liveSocket = new LiveSocket("/live", { hooks });
liveSocket.connect();
window.liveSocket = liveSocket;
