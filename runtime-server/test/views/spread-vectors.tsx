import { defineView } from "@livetsx/server";
import { NAME_VECTORS } from "../attribute-name-vectors.js";

type Attrs = Record<string, unknown>;

/** One element per name vector: `{ id, [vector]: value }` spread on it; `change` adds a title. */
export function vectorItems(stage: 1 | 2): Attrs[] {
  return NAME_VECTORS.map((vector, i) =>
    stage === 1 ? { id: `v${i}`, [vector.name]: "1" } : { id: `v${i}`, title: "t", [vector.name]: "2" },
  );
}

export default defineView<{ items: Attrs[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ items: vectorItems(1) });
  },
  events: {
    change: (_payload, socket) => socket.assign({ items: vectorItems(2) }),
  },
  render: ({ items }) => (
    <section id="vectors">
      {items.map((attributes) => (
        <div key={String(attributes.id)} {...attributes}></div>
      ))}
    </section>
  ),
});
