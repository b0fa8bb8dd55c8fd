/** https://github.com/phoenixframework/phoenix_live_view/issues/3979: the components-destroyed check with ids that change. */
import { defineComponent, defineView, LiveComponent } from "@livetsx/server";

interface Comp {
  id: number;
  counter: number;
}

export const Component = defineComponent<{ dom_id: string; counter: number }>({
  render: ({ dom_id, counter }) => <div id={dom_id}>{counter}</div>,
});

const INITIAL: readonly Comp[] = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, counter: 0 }));

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ counter: 1, components: INITIAL });
  },
  events: {
    bump: (_payload, socket) => {
      const { counter, components } = socket.assigns;
      socket.sendAfter(["update", counter], 100);
      socket.assign({
        components: components.map((c, i) => (i + 1 === counter ? { ...c, counter: c.counter + 1 } : c)),
        counter: counter + 1,
      });
    },
  },
  handleInfo: (message, socket) => {
    if (Array.isArray(message) && message[0] === "update") socket.sendUpdate(Component, `comp-${message[1]}`, { counter: 10 });
  },
  render: ({ components }: { counter: number; components: readonly Comp[] }) => (
    <>
      {components.map((component) => (
        <LiveComponent
          key={component.id}
          module={Component}
          id={`comp-${component.id}`}
          dom_id={`hello-${component.id}-${component.counter}`}
          counter={component.counter}
        />
      ))}
      <button phx-click="bump">Bump ID (and counter)</button>
    </>
  ),
});
