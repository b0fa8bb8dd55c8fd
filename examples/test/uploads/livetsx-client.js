/** LiveTSX's client with the test's external uploader and hooks. */
import { LiveSocket } from "@livetsx/client";
import { uploaders } from "./uploaders.js";
import { hooks } from "./hooks.js";

const liveSocket = new LiveSocket("/live", { uploaders, hooks });
liveSocket.connect();
window.liveSocket = liveSocket;
