/** The admin dashboard: the session's shared assigns, the nav bar's path, hooks, connect info. */
import { defineView, Link } from "@livetsx/server";

interface Assigns {
  user: string;
  current: string;
  pings: number;
  clicks: number;
  section: string;
  agent: string;
  peer: string;
  probe: string;
  connected: boolean;
}

export default defineView<Assigns>({
  mount: (params, _session, socket) => {
    const info = socket.connectInfo;
    socket.assign({
      clicks: 0,
      section: typeof params.section === "string" ? params.section : "home",
      agent: info.userAgent ?? "",
      peer: info.peerData?.address ?? "",
      probe: info.xHeaders?.["x-probe"] ?? "",
      connected: socket.connected,
    });
  },
  handleParams: (params, _url, socket) => {
    socket.assign({ section: typeof params.section === "string" ? params.section : "home" });
  },
  events: {
    click: (_p, socket) => socket.update("clicks", (n) => n + 1),
    secret: (_p, socket) => socket.update("clicks", (n) => n + 100),
  },
  render: ({ user, current, pings, clicks, section, agent, peer, probe, connected }) => (
    <main id="admin">
      <nav>
        <span id="user">{user}</span> <span id="current">{current}</span>
        <Link id="to-reports" patch="/admin/reports">reports</Link>
        <Link id="to-users" patch="/admin/users?page=2">users</Link>
        <Link id="to-vault" navigate="/admin/vault">vault</Link>
        <Link id="to-home" navigate="/">home</Link>
      </nav>
      <p id="section">{section}</p>
      <p id="pings">{pings}</p>
      <p id="clicks">{clicks}</p>
      <button id="click" phx-click="click">click</button>
      <button id="secret" phx-click="secret">secret</button>
      <div id="probe" phx-hook="Probe"></div>
      <dl>
        <dt>connected</dt>
        <dd id="connected">{String(connected)}</dd>
        <dt>user agent</dt>
        <dd id="agent">{agent}</dd>
        <dt>peer</dt>
        <dd id="peer">{peer}</dd>
        <dt>x-probe</dt>
        <dd id="x-probe">{probe}</dd>
      </dl>
    </main>
  ),
});
