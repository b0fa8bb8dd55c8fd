import { defineView, type LiveStream } from "@livetsx/server";

/** Posts per page, and how many the feed has in all. */
export const PAGE = 20;
export const TOTAL = 100;

interface Post {
  id: number;
  author: string;
  text: string;
}

const AUTHORS = ["ada", "grace", "linus", "barbara", "ken"] as const;

/** The feed's posts, newest first: made up from their number, as a database page would be read. */
function page(from: number): Post[] {
  const posts: Post[] = [];
  for (let id = from; id < Math.min(from + PAGE, TOTAL); id++) {
    posts.push({ id: TOTAL - id, author: AUTHORS[id % AUTHORS.length]!, text: `Post number ${TOTAL - id}: what happened at step ${id}.` });
  }
  return posts;
}

interface Assigns {
  loaded: number;
  streams: { posts: LiveStream<Post> };
}

/**
 * An endless feed: the posts are a stream (the server keeps none of them once sent), and the
 * next page comes when the last post scrolls into view (phx-viewport-bottom), until the end.
 */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ loaded: PAGE }).stream("posts", page(0)).pageTitle("Feed");
  },
  events: {
    "load-more": (_payload, socket) => {
      const loaded = socket.assigns.loaded;
      if (loaded >= TOTAL) return;
      socket.stream("posts", page(loaded)).assign({ loaded: Math.min(loaded + PAGE, TOTAL) });
    },
  },
  render: ({ loaded, streams }) => (
    <section class="feed">
      <h1>Feed</h1>
      <p class="lead">
        An endless list over a stream: scroll down and the next {PAGE} posts arrive when the last one comes into view.{" "}
        <span id="loaded">{loaded}</span> of {TOTAL} loaded.
      </p>
      <ul id="posts" class="posts" phx-update="stream" phx-viewport-bottom={loaded < TOTAL ? "load-more" : undefined}>
        {streams.posts.map(([domId, post]) => (
          <li id={domId} key={domId} class="card post">
            <strong>@{post.author}</strong>
            <p>{post.text}</p>
          </li>
        ))}
      </ul>
      {loaded >= TOTAL ? <p id="the-end" class="lead">That is everything.</p> : <p class="loading">Scroll for more…</p>}
    </section>
  ),
});
