/**
 * A view of an app that checks its event names app-wide (see events.d.ts): a binding naming
 * no event of the app's views is a type error, in the editor as in `tsc`.
 */
import { defineView, JS } from "@livetsx/server";

export default defineView({
  mount: (_params, _session, socket) => socket.assign({ count: 0 }),
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    dec: (_payload, socket) => socket.update("count", (c) => c - 1),
  },
  render: ({ count }: { count: number }) => (
    <div>
      <button phx-click="dec">-</button>
      <span>{count}</span>
      <button phx-click="inc">+</button>
      <button phx-click={count > 0 ? "dec" : "inc"}>±</button>
      <button phx-click='[["push",{"event":"inc"}]]'>JS</button>
      <button phx-click={JS.push("inc").hide({ to: "#x" })}>JS</button>
      <div phx-remove={JS.push("dec")}>JS</div>
      {/* @ts-expect-error: JS.push names no event of the app */}
      <button phx-click={JS.hide().push("nope")}>?</button>
      {/* @ts-expect-error: no view of the app handles "nope" */}
      <button phx-click="nope">?</button>
      {/* @ts-expect-error: a misspelled name */}
      <button phx-keydown="incc">?</button>
    </div>
  ),
});
