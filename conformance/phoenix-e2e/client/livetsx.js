/**
 * LiveTSX's client behind the official module's interface, so the layouts of upstream's app run
 * unchanged: `new LiveSocket("/live", window.Phoenix.Socket, options)`. The Phoenix `Socket`
 * class is not needed (our client has its own channel socket); the options our client knows
 * (hooks, uploaders, params) are passed on, the others are ignored.
 */
import { LiveSocket as LiveTSXSocket } from "@livetsx/client";

export class LiveSocket extends LiveTSXSocket {
  constructor(endpoint, _PhoenixSocket, options = {}) {
    super(endpoint, options);
  }
}
