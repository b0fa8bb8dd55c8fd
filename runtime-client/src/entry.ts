/**
 * The default client script: connects every view on the page. Apps with hooks or connect
 * params write their own (`new LiveSocket("/live", { hooks }).connect()`).
 */
import { LiveSocket } from "./live-socket.js";

const liveSocket = new LiveSocket("/live");
liveSocket.connect();
(window as unknown as { liveSocket: LiveSocket }).liveSocket = liveSocket;
