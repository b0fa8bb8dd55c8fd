/** LiveTSX's client with the test's external uploader. */
import { LiveSocket } from "@livetsx/client";
import { uploaders } from "./uploaders.js";

const liveSocket = new LiveSocket("/live", { uploaders });
liveSocket.connect();
window.liveSocket = liveSocket;
