/** LiveTSX's client. */
import { LiveSocket } from "@livetsx/client";

const liveSocket = new LiveSocket("/live");
liveSocket.connect();
window.liveSocket = liveSocket;
