import { defineView } from "@livetsx/server";

const MIN = 10;
const MAX = 30;
const STEP = 0.5;
const TICK_MS = 1000;

/** Keeps a temperature within MIN…MAX, in steps of 0.5°. */
function clamp(value: number): number {
  return Math.min(MAX, Math.max(MIN, Math.round(value * 2) / 2));
}

function degrees(value: number): string {
  return `${value.toFixed(1)}°C`;
}

/**
 * A thermostat: the room temperature drifts toward the setpoint by 0.5° a second. Each second is a
 * `sendAfter("tick", 1000)` to the view itself, started only once the WebSocket is connected.
 */
export default defineView<{ current: number; target: number; ticks: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ current: 18, target: 21, ticks: 0 }).pageTitle("Thermostat");
    if (socket.connected) socket.sendAfter("tick", TICK_MS);
  },
  events: {
    up: (_payload, socket) => {
      socket.update("target", (t) => clamp(t + STEP));
    },
    down: (_payload, socket) => {
      socket.update("target", (t) => clamp(t - STEP));
    },
  },
  handleInfo: (message, socket) => {
    if (message !== "tick") return;
    const { current, target } = socket.assigns;
    const next = current < target ? Math.min(target, current + STEP) : Math.max(target, current - STEP);
    socket.assign({ current: next });
    socket.update("ticks", (n) => n + 1);
    socket.sendAfter("tick", TICK_MS);
  },
  render: ({ current, target, ticks }) => {
    const mode = current < target ? "heating" : current > target ? "cooling" : "idle";
    return (
      <section class={["card", "thermostat", `mode-${mode}`]} id="thermostat">
        <h1>Thermostat</h1>
        <div class="dial">
          <p class="current" id="current">
            {degrees(current)}
          </p>
          <p class="mode" id="mode">
            {mode === "heating" ? "🔥 Heating" : mode === "cooling" ? "❄️ Cooling" : "✓ Idle"}
          </p>
        </div>
        <div class="setpoint">
          <button phx-click="down" aria-label="Lower the setpoint" disabled={target <= MIN}>
            −
          </button>
          <span>
            Setpoint <strong id="target">{degrees(target)}</strong>
          </span>
          <button phx-click="up" aria-label="Raise the setpoint" disabled={target >= MAX}>
            +
          </button>
        </div>
        <p class="meta">
          <span id="ticks">{ticks}</span> {ticks === 1 ? "tick" : "ticks"} since you connected
        </p>
        <p class="hint">
          No client-side timer: the server ticks once a second and sends only the values that
          moved.
        </p>
      </section>
    );
  },
});
