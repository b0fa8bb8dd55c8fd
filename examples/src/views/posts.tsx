import { defineView, Link, type Params } from "@livetsx/server";
import { Flash } from "./welcome.tsx";

interface Post {
  id: number;
  title: string;
  author: string;
  /** ISO date, `YYYY-MM-DD`. */
  date: string;
  body: string;
}

const AUTHORS = ["Ada", "Grace", "Linus", "Margaret", "Ken"] as const;

const TITLES = [
  "Why diffs beat snapshots",
  "Keyed lists without tears",
  "A week with server-rendered forms",
  "Debouncing, explained with coffee",
  "The case for boring transports",
  "Streams: lists the server forgets",
  "Back buttons are part of the API",
  "Hydration is not required",
  "Live components in practice",
  "Counting bytes on the wire",
  "Templates as static arrays",
  "What a fingerprint buys you",
  "Optimistic UI, pessimistically",
  "PubSub for the rest of us",
  "Flash messages that survive",
  "Scroll restoration done right",
  "The joy of small payloads",
  "Form recovery after a restart",
  "Timers on the server",
  "Errors only where you typed",
  "Patching the URL, not the page",
  "Zero client state, mostly",
  "Accessibility of live regions",
  "Morphing the DOM gently",
  "A tour of phx-bindings",
  "Testing in a real browser",
  "Dependency tracking by example",
  "Sessions, tokens and CSRF",
  "When to reach for a hook",
  "Shipping without a bundle",
] as const;

/** The posts, newest first by id: one every five days from 2024-01-03, authors in turn. */
const POSTS: readonly Post[] = TITLES.map((title, i) => {
  const date = new Date(Date.UTC(2024, 0, 3 + i * 5)).toISOString().slice(0, 10);
  const author = AUTHORS[(i * 3) % AUTHORS.length]!;
  return {
    id: i + 1,
    title,
    author,
    date,
    body:
      `${author} writes about “${title.toLowerCase()}”. ` +
      `Post ${i + 1} of ${TITLES.length}: the server keeps the list, the URL keeps the state, and the ` +
      `back button walks through both without a page load.`,
  };
});

type Sort = "date" | "title" | "author";
const SORTS: readonly [Sort, string][] = [
  ["date", "Newest"],
  ["title", "Title"],
  ["author", "Author"],
];

/** What the URL says: `/posts?sort=title&author=Ada&id=3`. */
interface Query {
  sort: Sort;
  author: string;
  id: number | null;
}

function first(value: Params[string] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function queryOf(params: Params): Query {
  const sort = first(params.sort);
  const author = first(params.author);
  const id = Number(first(params.id));
  return {
    sort: sort === "title" || sort === "author" ? sort : "date",
    author: (AUTHORS as readonly string[]).includes(author) ? author : "",
    id: Number.isInteger(id) && id > 0 ? id : null,
  };
}

/** The URL of a state; defaults are left out (`/posts` is newest first, every author). */
function hrefOf(query: Query): string {
  const search = new URLSearchParams();
  if (query.sort !== "date") search.set("sort", query.sort);
  if (query.author) search.set("author", query.author);
  if (query.id !== null) search.set("id", String(query.id));
  const qs = search.toString();
  return qs ? `/posts?${qs}` : "/posts";
}

function listOf(query: Query): Post[] {
  const posts = POSTS.filter((p) => query.author === "" || p.author === query.author);
  const by: Record<Sort, (a: Post, b: Post) => number> = {
    date: (a, b) => b.date.localeCompare(a.date),
    title: (a, b) => a.title.localeCompare(b.title),
    author: (a, b) => a.author.localeCompare(b.author) || b.date.localeCompare(a.date),
  };
  return posts.sort(by[query.sort]);
}

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

type Assigns = {
  query: Query;
  posts: Post[];
  selected: Post | null;
  flash: Readonly<Record<string, string>>;
};

/**
 * A list of posts whose state lives in the URL: sorting, the author filter and the open post are
 * live patches (`<Link patch>`, `pushPatch`), so `handleParams` rebuilds the list, the URL
 * changes without a page load, and back and forward walk through the states.
 */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.pageTitle("Posts");
  },
  handleParams: (params, _url, socket) => {
    const query = queryOf(params);
    // An unknown id opens nothing.
    const selected = query.id === null ? null : (POSTS.find((p) => p.id === query.id) ?? null);
    socket.assign({ query, posts: listOf(query), selected });
  },
  events: {
    filter: (payload: { author?: string }, socket) => {
      socket.pushPatch(hrefOf({ ...socket.assigns.query, author: String(payload.author ?? ""), id: null }));
    },
    comment: (_payload, socket) => {
      const post = socket.assigns.selected;
      if (!post) return;
      socket.putFlash("info", `Create an account to comment on “${post.title}”.`).pushNavigate("/register");
    },
  },
  render: ({ query, posts, selected, flash }) => (
    <section class="posts">
      <Flash flash={flash} />
      <h1>Posts</h1>
      <div class="posts-toolbar">
        <nav class="sort" aria-label="Sort">
          Sort by
          {SORTS.map(([sort, label]) => (
            <Link
              key={sort}
              patch={hrefOf({ ...query, sort })}
              id={`sort-${sort}`}
              class={{ active: query.sort === sort }}
              aria-current={query.sort === sort ? "true" : undefined}
            >
              {label}
            </Link>
          ))}
        </nav>
        <form id="post-filter" phx-change="filter" class="filter">
          <label for="filter-author">Author</label>
          <select id="filter-author" name="author">
            <option value="" selected={query.author === ""}>
              Everyone
            </option>
            {AUTHORS.map((author) => (
              <option key={author} value={author} selected={query.author === author}>
                {author}
              </option>
            ))}
          </select>
        </form>
      </div>
      <p class="meta" id="post-count">
        {posts.length} posts
      </p>
      <div class="posts-layout">
        <ol class="post-list" id="post-list">
          {posts.map((post) => (
            <li key={post.id} id={`post-${post.id}`} class={["post-row", { selected: selected?.id === post.id }]}>
              <Link patch={hrefOf({ ...query, id: post.id })} class="post-link">
                {post.title}
              </Link>
              <small class="post-meta">
                {post.author} · <time datetime={post.date}>{longDate(post.date)}</time>
              </small>
            </li>
          ))}
        </ol>
        <aside class="post-detail" id="post-detail" aria-live="polite">
          {selected ? (
            <article>
              <h2>{selected.title}</h2>
              <p class="post-meta">
                {selected.author} · <time datetime={selected.date}>{longDate(selected.date)}</time>
              </p>
              <p class="post-body">{selected.body}</p>
              <p class="detail-actions">
                <Link patch={hrefOf({ ...query, id: null })} id="close-detail">
                  Close
                </Link>
                <button type="button" class="secondary" phx-click="comment" id="comment">
                  Comment
                </button>
              </p>
            </article>
          ) : (
            <p class="empty">Pick a post to read it here.</p>
          )}
          <p class="detail-links">
            <Link navigate="/register" id="to-register">
              Create an account
            </Link>
          </p>
        </aside>
      </div>
    </section>
  ),
});
