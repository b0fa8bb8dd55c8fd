/** The official Phoenix LiveView client, as an app without hooks starts it. */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";

const _csrf_token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token } });
liveSocket.connect();
window.liveSocket = liveSocket;
