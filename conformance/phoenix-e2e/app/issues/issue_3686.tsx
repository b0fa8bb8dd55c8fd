/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3686: the flash survives a
 * navigation across live sessions (C is in the live session "other", so B's redirect there and
 * C's navigation back to A fall back to full page loads).
 */
import { defineView } from "@livetsx/server";
import { inspect } from "./shared.tsx";

type Flash = Readonly<Record<string, string>>;

function Page({ name, next, flash }: { name: string; next: string; flash: Flash }) {
  return (
    <>
      <h1>{name}</h1>
      <button phx-click="go">To {next}</button>
      <div id="flash">{inspect(flash ?? {})}</div>
    </>
  );
}

export const ALive = defineView({
  events: {
    go: (_payload, socket) => socket.putFlash("info", "Flash from A").pushNavigate("/issues/3686/b"),
  },
  render: ({ flash }: { flash: Flash }) => <Page name="A" next="B" flash={flash} />,
});

export const BLive = defineView({
  events: {
    go: (_payload, socket) => socket.putFlash("info", "Flash from B").redirect("/issues/3686/c"),
  },
  render: ({ flash }: { flash: Flash }) => <Page name="B" next="C" flash={flash} />,
});

export const CLive = defineView({
  events: {
    go: (_payload, socket) => socket.putFlash("info", "Flash from C").pushNavigate("/issues/3686/a"),
  },
  render: ({ flash }: { flash: Flash }) => <Page name="C" next="A" flash={flash} />,
});
