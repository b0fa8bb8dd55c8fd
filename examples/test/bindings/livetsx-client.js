/** LiveTSX's client, as an app without hooks starts it. */
import { LiveSocket } from "@livetsx/client";

const liveSocket = new LiveSocket("/live");
liveSocket.connect();
window.liveSocket = liveSocket;
