import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

/**
 * One card: its own count and name (component state), its label and theme from the parent
 * (props), events of its own (`phx-target={myself}`), and a remove request sent to the parent.
 */
export const Card = defineComponent<{ cardId: number; label: string; theme: string; count: number; name: string | null; note: string }>({
  mount: (socket) => {
    socket.assign({ count: 0, name: null, note: "" });
  },
  events: {
    inc: (payload: { by?: string }, socket) => socket.update("count", (c) => c + Number(payload.by ?? 1)),
    rename: (payload: { name?: string }, socket) => socket.assign({ name: String(payload.name ?? "").trim() || null }),
    remove: (_payload, socket) => socket.sendInfo({ remove: socket.assigns.cardId }),
  },
  render: ({ cardId, label, theme, count, name, note, myself }) => (
    <li class={["card", `theme-${theme}`, count > 2 && "busy"]} id={`card-${cardId}`}>
      <h2 class="name">{name ?? label}</h2>
      <span class="count">{count}</span>
      {note && <em class="note">{note}</em>}
      <button class="inc" phx-click="inc" phx-value-by="1" phx-target={myself}>+1</button>
      <button class="inc3" phx-click="inc" phx-value-by="3" phx-target={myself}>+3</button>
      <form class="rename" phx-submit="rename" phx-target={myself}>
        <input name="name" value={name ?? ""} autocomplete="off" />
      </form>
      <button class="remove" phx-click="remove" phx-target={myself}>remove</button>
    </li>
  ),
});

const LABELS = ["ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay"];

/** A list of live components the parent adds, removes, reorders and restyles. */
export default defineView<{ cards: number[]; next: number; theme: string }>({
  mount: (_params, _session, socket) => {
    socket.assign({ cards: [1, 2, 3], next: 4, theme: "light" }).pageTitle("Components");
  },
  events: {
    add: (_p, socket) => {
      const id = socket.assigns.next;
      socket.update("cards", (cards) => [...cards, id]).assign({ next: id + 1 });
    },
    reverse: (_p, socket) => socket.update("cards", (cards) => [...cards].reverse()),
    theme: (_p, socket) => socket.update("theme", (t) => (t === "light" ? "dark" : "light")),
    note: (_p, socket) => {
      const first = socket.assigns.cards[0];
      if (first !== undefined) socket.sendUpdate(Card, first, { note: "noted by the parent" });
    },
  },
  handleInfo: (message, socket) => {
    const { remove } = message as { remove?: number };
    if (typeof remove === "number") socket.update("cards", (cards) => cards.filter((id) => id !== remove));
  },
  render: ({ cards, theme }) => (
    <section class="components">
      <h1>Components</h1>
      <p>
        <span id="card-count">{cards.length}</span> cards, theme <span id="theme">{theme}</span>
      </p>
      <div class="buttons">
        <button id="add" phx-click="add">add</button>
        <button id="reverse" phx-click="reverse">reverse</button>
        <button id="theme-toggle" phx-click="theme">theme</button>
        <button id="note" phx-click="note">note the first</button>
      </div>
      <ul id="cards">
        {cards.map((id) => (
          <LiveComponent key={id} module={Card} id={id} cardId={id} label={LABELS[(id - 1) % LABELS.length]!} theme={theme} />
        ))}
      </ul>
    </section>
  ),
});
