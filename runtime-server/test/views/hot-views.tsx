/**
 * Versions of one view and one live component, as an edited module would define them again:
 * hot.test.ts registers them under one id each and replaces one with the next.
 */
import { defineComponent, defineView, LiveComponent } from "../../src/index.js";

export const clicksV1 = () =>
  defineComponent({
    mount: (socket) => socket.assign({ clicks: 0 }),
    events: { click: (_p, socket) => socket.update("clicks", (n: number) => n + 1) },
    render: ({ clicks, myself }: { clicks: number; myself: number }) => (
      <span phx-click="click" phx-target={myself}>clicks {clicks}</span>
    ),
  });

export const clicksV2 = () =>
  defineComponent({
    mount: (socket) => socket.assign({ clicks: 100 }),
    events: { click: (_p, socket) => socket.update("clicks", (n: number) => n + 10) },
    render: ({ clicks, myself }: { clicks: number; myself: number }) => (
      <em phx-click="click" phx-target={myself}>{clicks} clicks</em>
    ),
  });

export const counterV1 = (clicks: object) =>
  defineView({
    mount: (_p, _s, socket) => socket.assign({ count: 0 }),
    events: { inc: (_p, socket) => socket.update("count", (n: number) => n + 1) },
    render: ({ count }: { count: number }) => (
      <div>
        <p>Count: {count}</p>
        <LiveComponent module={clicks as never} id="c" />
      </div>
    ),
  });

export const counterV2 = (clicks: object) =>
  defineView({
    mount: (_p, _s, socket) => socket.assign({ count: 1000 }),
    events: { inc: (_p, socket) => socket.update("count", (n: number) => n + 2) },
    render: ({ count }: { count: number }) => (
      <section>
        <h1>Total</h1>
        <p>{count} in all</p>
        <LiveComponent module={clicks as never} id="c" />
      </section>
    ),
  });

export const counterBroken = (clicks: object) =>
  defineView({
    events: { inc: (_p, socket) => socket.update("count", (n: number) => n + 5) },
    render: ({ count }: { count: number }) => {
      if (count >= 0) throw new Error("render exploded");
      return (
        <div>
          <LiveComponent module={clicks as never} id="c" />
        </div>
      );
    },
  });
