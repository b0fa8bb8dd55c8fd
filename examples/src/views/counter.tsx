import { defineView } from "@livetsx/server";

/** The classic: a number, three buttons, and the count in the page title. */
export default defineView<{ count: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ count: 0 }).pageTitle("Count: 0");
  },
  events: {
    dec: (_payload, socket) => {
      socket.update("count", (c) => c - 1).pageTitle(`Count: ${socket.assigns.count}`);
    },
    inc: (_payload, socket) => {
      socket.update("count", (c) => c + 1).pageTitle(`Count: ${socket.assigns.count}`);
    },
    reset: (_payload, socket) => {
      socket.assign({ count: 0 }).pageTitle("Count: 0");
    },
  },
  render: ({ count }) => (
    <section class="card counter">
      <h1>Counter</h1>
      <p class="count" id="count">
        {count}
      </p>
      <div class="buttons">
        <button phx-click="dec" aria-label="Decrement">
          −
        </button>
        <button phx-click="inc" aria-label="Increment">
          +
        </button>
        <button class="secondary" phx-click="reset">
          Reset
        </button>
      </div>
      <p class="hint">
        Each click is one small WebSocket message; only the changed number comes back (and the page
        title follows along).
      </p>
    </section>
  ),
});
