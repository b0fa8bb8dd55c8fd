import { defineView, isPresenceDiff, type PresenceDiff, type PresenceList } from "@livetsx/server";

const TOPIC = "lobby";

/** Tracks itself on "lobby" with its tab, and shows who is there. */
export default defineView<{ name: string; online: PresenceList; diffs: PresenceDiff["payload"][] }>({
  mount: (params, _session, socket) => {
    const name = String(params.name ?? "anon");
    socket.assign({ name, online: {}, diffs: [] });
    if (!socket.connected) return;
    socket.subscribe(TOPIC);
    socket.presence.track(socket, TOPIC, name, { tab: String(params.tab ?? "1") });
    socket.assign({ online: socket.presence.list(TOPIC) });
  },
  events: {
    away: (_payload, socket) => {
      socket.presence.update(socket, TOPIC, socket.assigns.name, (meta) => ({ ...meta, away: true }));
    },
    leave: (_payload, socket) => {
      socket.presence.untrack(socket, TOPIC, socket.assigns.name);
    },
  },
  handleInfo: (message, socket) => {
    if (!isPresenceDiff(message, TOPIC)) return;
    socket.assign({ online: socket.presence.list(TOPIC), diffs: [...socket.assigns.diffs, message.payload] });
  },
  render: ({ online, diffs }) => (
    <section>
    <p id="diffs">{JSON.stringify(diffs)}</p>
    <ul>
      {Object.entries(online).map(([key, { metas }]) => (
        <li key={key} id={`online-${key}`} data-tabs={String(metas.length)}>
          {key}
        </li>
      ))}
    </ul>
    </section>
  ),
});
