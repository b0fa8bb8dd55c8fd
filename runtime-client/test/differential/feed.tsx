import { defineView, type LiveStream } from "@livetsx/server";

interface Post {
  id: number;
  author: string;
  text: string;
  pinned: boolean;
}

interface Assigns {
  next: number;
  title: string;
  streams: { posts: LiveStream<Post> };
}

function post(id: number, text = `post ${id}`): Post {
  return { id, author: id % 2 ? "ann" : "bob", text, pinned: id % 3 === 0 };
}

/** A stream: inserts at either end with limits, updates in place, deletes, resets. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ next: 4, title: "Feed" }).stream("posts", [1, 2, 3].map((id) => post(id)));
  },
  events: {
    insert: (p: { at?: number; limit?: number; n?: number }, socket) => {
      const first = socket.assigns.next;
      const n = p.n ?? 1;
      socket.assign({ next: first + n });
      for (let id = first; id < first + n; id++) socket.streamInsert("posts", post(id), { at: p.at ?? -1, ...(p.limit === undefined ? {} : { limit: p.limit }) });
    },
    update: (p: { id: number; text: string }, socket) => socket.streamInsert("posts", post(p.id, p.text)),
    remove: (p: { id: number }, socket) => socket.streamDelete("posts", post(p.id)),
    reset: (p: { ids: number[] }, socket) => socket.stream("posts", p.ids.map((id) => post(id, `again ${id}`)), { reset: true }),
    title: (p: { to: string }, socket) => socket.assign({ title: p.to }),
    mixed: (p: { remove: number; to: string }, socket) => {
      socket.streamDelete("posts", post(p.remove));
      socket.assign({ title: p.to, next: socket.assigns.next + 1 });
      socket.streamInsert("posts", post(socket.assigns.next - 1), { at: 0 });
    },
  },
  render: ({ title, next, streams }) => (
    <section>
      <h1>
        {title} (next {next})
      </h1>
      <ul id="posts" phx-update="stream">
        {streams.posts.map(([domId, p]) => (
          <li id={domId} key={domId} class={p.pinned ? "pinned" : undefined}>
            <b>{p.author}</b> {p.pinned ? <em>{p.text}</em> : p.text}
          </li>
        ))}
      </ul>
    </section>
  ),
});
