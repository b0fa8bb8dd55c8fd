import { randomUUID } from "node:crypto";
import { defineView, isPresenceDiff, type PresenceList } from "@livetsx/server";

const TOPIC = "chat:lobby";
const KEEP = 50;
const MAX_TEXT = 500;

/** What goes over PubSub, to every view in the room (the sender's included). */
interface Message {
  id: string;
  from: string;
  text: string;
  /** Milliseconds since the epoch, when the server received it. */
  at: number;
}

/** Numbers the guests of this process. */
let guests = 0;

const pad = (n: number) => String(n).padStart(3, "0");

function isMessage(value: unknown): value is Message {
  const m = value as Partial<Message> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    typeof m.id === "string" &&
    typeof m.from === "string" &&
    typeof m.text === "string" &&
    typeof m.at === "number"
  );
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

function nameFrom(param: string | string[] | undefined): string {
  const value = (Array.isArray(param) ? param[0] : param) ?? "";
  return value.trim().replace(/\s+/g, " ").slice(0, 24);
}

/** Who is online, by name, with how many tabs each has open (their metas, on any node). */
function online(list: PresenceList): { name: string; tabs: number }[] {
  return Object.entries(list)
    .map(([name, { metas }]) => ({ name, tabs: metas.length }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A chat room over PubSub: every view joined to the room subscribes to "chat:lobby", a sent
 * message is broadcast there, and each view appends it in `handleInfo`. Each view tracks its
 * guest in the room's Presence, and lists who is online again at each `presence_diff`.
 */
export default defineView<{ name: string; messages: Message[]; draft: string; online: { name: string; tabs: number }[] }>({
  mount: (params, _session, socket) => {
    // mount runs twice (HTTP render, then the WebSocket join): only the connected mount takes a
    // guest number; the HTTP render shows the number it will most likely get.
    const name = nameFrom(params.name) || `guest-${pad(socket.connected ? ++guests : guests + 1)}`;
    socket.assign({ name, messages: [], draft: "", online: [] }).pageTitle(`Chat · ${name}`);
    if (!socket.connected) return;
    socket.subscribe(TOPIC);
    socket.presence.track(socket, TOPIC, name, { since: Date.now() });
    socket.assign({ online: online(socket.presence.list(TOPIC)) });
  },
  events: {
    /** Keeps the server's copy of the input, so clearing it after a send is a real change. */
    typing: (payload: { text?: string }, socket) => {
      socket.assign({ draft: String(payload.text ?? "").slice(0, MAX_TEXT) });
    },
    send: (payload: { text?: string }, socket) => {
      const text = String(payload.text ?? "").trim().slice(0, MAX_TEXT);
      socket.assign({ draft: "" });
      if (text === "") return;
      const message: Message = { id: randomUUID(), from: socket.assigns.name, text, at: Date.now() };
      // Not awaited: while the PubSub's Redis is unreachable the message reaches this node's
      // views only and the failure is logged, without crashing the view.
      void socket.broadcast(TOPIC, message);
    },
  },
  handleInfo: (message, socket) => {
    if (isPresenceDiff(message, TOPIC)) {
      socket.assign({ online: online(socket.presence.list(TOPIC)) });
      return;
    }
    if (!isMessage(message)) return;
    socket.update("messages", (all) => [...all, message].slice(-KEEP));
  },
  render: ({ name, messages, draft, online }) => (
    <section class="card chat">
      <h1>Chat</h1>
      <p class="meta">
        You are <strong id="me">{name}</strong>. Open{" "}
        <a href="/chat?name=bob" target="_blank" rel="noopener">
          /chat?name=bob
        </a>{" "}
        in another window and talk to yourself.
      </p>
      <ul class="online" id="online" aria-label="Online">
        {online.map((guest) => (
          <li key={guest.name} data-name={guest.name} data-tabs={String(guest.tabs)} class={guest.name === name && "me"}>
            {guest.name}
            {guest.tabs > 1 && <small> ({guest.tabs} tabs)</small>}
          </li>
        ))}
      </ul>
      {messages.length === 0 && <p class="empty" id="no-messages">No messages yet. Say hello!</p>}
      <ol class="messages" id="messages">
        {messages.map((m) => (
          <li key={m.id} id={`message-${m.id}`} class={["bubble", m.from === name && "mine"]}>
            <span class="from">{m.from}</span>
            <span class="text">{m.text}</span>
            <time class="at">{clock(m.at)}</time>
          </li>
        ))}
      </ol>
      <form phx-submit="send" phx-change="typing" class="composer" id="composer">
        <input
          type="text"
          name="text"
          value={draft}
          placeholder="Write a message…"
          autocomplete="off"
          maxlength="500"
          aria-label="Message"
        />
        <button type="submit">Send</button>
      </form>
    </section>
  ),
});
