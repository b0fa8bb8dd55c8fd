import { defineView } from "@livetsx/server";

interface Assigns {
  ids: readonly number[];
  letters: readonly string[];
  title: string;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Lists that shrink, grow, empty and refill; a keyed list beside an unkeyed one. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ ids: range(1, 4), letters: ["x", "y"], title: "Lists" });
  },
  events: {
    set: (p: { ids?: number[]; letters?: string[] }, socket) => {
      if (p.ids) socket.assign({ ids: p.ids });
      if (p.letters) socket.assign({ letters: p.letters });
    },
    grow: (p: { by: number }, socket) =>
      socket.update("ids", (ids) => {
        const top = ids.length ? Math.max(...ids) : 0;
        return [...ids, ...range(top + 1, top + 1 + p.by)];
      }),
    prepend: (p: { by: number }, socket) =>
      socket.update("ids", (ids) => {
        const low = ids.length ? Math.min(...ids) : 1000;
        return [...range(low - p.by, low), ...ids];
      }),
    shrink: (p: { by: number }, socket) => socket.update("ids", (ids) => ids.slice(0, Math.max(0, ids.length - p.by))),
    dropFront: (p: { by: number }, socket) => socket.update("ids", (ids) => ids.slice(p.by)),
    empty: (_p, socket) => socket.assign({ ids: [], letters: [] }),
    title: (p: { to: string }, socket) => socket.assign({ title: p.to }),
  },
  render: ({ ids, letters, title }) => (
    <section>
      <h1>{title}</h1>
      <ol>
        {ids.map((id) => (
          <li key={id} data-id={id}>
            #{id} of {ids.length}
          </li>
        ))}
      </ol>
      <p>
        {letters.map((letter) => (
          <b>{letter}</b>
        ))}
      </p>
      <footer>{ids.length} items</footer>
    </section>
  ),
});
