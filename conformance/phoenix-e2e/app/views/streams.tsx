/**
 * Port of support/from-test-support/streams.ex: StreamLive (`/stream`, with StreamComponent),
 * HealthyLive (`/healthy/:category`), StreamResetLive (`/stream/reset`), StreamResetLCLive
 * (`/stream/reset-lc`), StreamLimitLive (`/stream/limit`), StreamInsideForLive
 * (`/stream/inside-for`), StreamNestedComponentResetLive (`/stream/nested-component-reset`) and
 * HighFrequencyStreamAndNoStreamUpdatesLive (no route upstream). StreamNestedLive (no route
 * upstream) renders StreamResetLive as a nested live view, which LiveTSX does not have yet
 * (nested live views: issue 16); it is left out until then.
 */
import { defineComponent, defineView, JS, LiveComponent, Link, type LiveSocket, type LiveStream } from "@livetsx/server";

interface User {
  id: number | string;
  name: string;
}
const user = (id: number | string, name: string): User => ({ id, name });
const USERS = [user(1, "chris"), user(2, "callan")];
const APPEND_USERS = [user(4, "foo"), user(3, "last_user")];

let unique = 0;
const uniqueInteger = () => -576460752303423000 + ++unique;

const ONLY_CHILD_STYLE = `[only-child] { display: none; } [only-child]:only-child { display: block; }`;

export const StreamComponent = defineComponent<{ streams: { c_users: LiveStream<User> } }>({
  update: (props, socket) => {
    const reset = props.reset as [string, unknown[]] | undefined;
    if (reset) socket.stream(reset[0], reset[1], { reset: true });
    else socket.stream("c_users", [user(1, "chris"), user(2, "callan")]);
  },
  events: {
    reset: (_p, socket) => socket.stream("c_users", [], { reset: true }),
    delete: (p: { id: string }, socket) => socket.streamDeleteByDomId("c_users", p.id),
    update: (p: { id: string }, socket) => socket.streamInsert("c_users", user(p.id.replace(/^c_users-/, ""), "updated")),
    "move-to-first": (p: { id: string }, socket) =>
      socket.streamDeleteByDomId("c_users", p.id).streamInsert("c_users", user(p.id.replace(/^c_users-/, ""), "updated"), { at: 0 }),
    "move-to-last": (p: { id: string }, socket) =>
      socket.streamDeleteByDomId("c_users", p.id).streamInsert("c_users", user(p.id.replace(/^c_users-/, ""), "updated"), { at: -1 }),
  },
  render: ({ streams, myself }) => (
    <div id="c_users" phx-update="stream">
      {streams.c_users.map(([id, u]) => (
        <div key={id} id={id}>
          {u.name}
          <button phx-click="delete" phx-value-id={id} phx-target={myself}>
            delete
          </button>
          <button phx-click="update" phx-value-id={id} phx-target={myself}>
            update
          </button>
          <button phx-click="move-to-first" phx-value-id={id} phx-target={myself}>
            make first
          </button>
          <button phx-click="move-to-last" phx-value-id={id} phx-target={myself}>
            make last
          </button>
        </div>
      ))}
    </div>
  ),
});

interface StreamAssigns {
  invalid_consume: boolean;
  no_id: boolean;
  extra_item_with_id: boolean;
  count: number;
  streams: { users: LiveStream<User>; admins: LiveStream<User> };
}

const idOf = (domId: string, prefix: string) => domId.slice(prefix.length);

export const StreamLive = defineView({
  mount: (params, _session, socket: LiveSocket<StreamAssigns>) =>
    socket
      .assign({ invalid_consume: false, no_id: false, extra_item_with_id: "empty_item" in params, count: 0 })
      .stream("users", USERS)
      .stream("admins", [user(1, "chris-admin"), user(2, "callan-admin")]),
  events: {
    delete: (p: { id: string }, socket: LiveSocket<StreamAssigns>) => socket.streamDeleteByDomId("users", p.id),
    update: (p: { id: string }, socket: LiveSocket<StreamAssigns>) => socket.streamInsert("users", user(idOf(p.id, "users-"), "updated")),
    "move-to-first": (p: { id: string }, socket: LiveSocket<StreamAssigns>) =>
      socket.streamDeleteByDomId("users", p.id).streamInsert("users", user(idOf(p.id, "users-"), "updated"), { at: 0 }),
    "move-to-last": (p: { id: string }, socket: LiveSocket<StreamAssigns>) =>
      socket.streamDeleteByDomId("users", p.id).streamInsert("users", user(idOf(p.id, "users-"), "updated"), { at: -1 }),
    move: (p: { id: string; name: string; at: string }, socket: LiveSocket<StreamAssigns>) =>
      socket.streamDeleteByDomId("users", p.id).streamInsert("users", user(idOf(p.id, "users-"), p.name), { at: Number.parseInt(p.at, 10) }),
    "reset-users": (_p, socket: LiveSocket<StreamAssigns>) => socket.update("count", (c) => c + 1).stream("users", [], { reset: true }),
    "reset-users-reorder": (_p, socket: LiveSocket<StreamAssigns>) =>
      socket.update("count", (c) => c + 1).stream("users", [user(3, "peter"), user(1, "chris"), user(4, "mona")], { reset: true }),
    "stream-users": (_p, socket: LiveSocket<StreamAssigns>) => socket.stream("users", USERS),
    "append-users": (_p, socket: LiveSocket<StreamAssigns>) => socket.stream("users", APPEND_USERS, { at: -1 }),
    "admin-delete": (p: { id: string }, socket: LiveSocket<StreamAssigns>) => socket.streamDeleteByDomId("admins", p.id),
    "admin-update": (p: { id: string }, socket: LiveSocket<StreamAssigns>) => socket.streamInsert("admins", user(idOf(p.id, "admins-"), "updated")),
    "admin-move-to-first": (p: { id: string }, socket: LiveSocket<StreamAssigns>) =>
      socket.streamDeleteByDomId("admins", p.id).streamInsert("admins", user(idOf(p.id, "admins-"), "updated"), { at: 0 }),
    "admin-move-to-last": (p: { id: string }, socket: LiveSocket<StreamAssigns>) =>
      socket.streamDeleteByDomId("admins", p.id).streamInsert("admins", user(idOf(p.id, "admins-"), "updated"), { at: -1 }),
    "consume-stream-invalid": (_p, socket: LiveSocket<StreamAssigns>) => socket.assign("invalid_consume", true),
    "stream-no-id": (_p, socket: LiveSocket<StreamAssigns>) => socket.assign("no_id", true).stream("users", USERS),
    "stream-extra-with-id": (_p, socket: LiveSocket<StreamAssigns>) => socket.assign("extra_item_with_id", true).stream("users", USERS),
  },
  render: ({ invalid_consume, no_id, extra_item_with_id, count, streams }: StreamAssigns) =>
    invalid_consume ? (
      <>
        {streams.users.map(([id]) => (
          <div key={id} id={id} />
        ))}
      </>
    ) : no_id ? (
      <>
        <div id="users" phx-update="stream">
          <div only-child>Empty!</div>
          {streams.users.map(([id]) => (
            <div key={id} id={id} />
          ))}
        </div>
        <style>{ONLY_CHILD_STYLE}</style>
      </>
    ) : extra_item_with_id ? (
      <>
        <div id="users" phx-update="stream">
          {streams.users.map(([id, u]) => (
            <div key={id} id={id}>
              {u.name}
            </div>
          ))}
          <div id="users-empty" only-child>
            Empty!
          </div>
        </div>
        <style>{ONLY_CHILD_STYLE}</style>
      </>
    ) : (
      <>
        <div id="users" phx-update="stream">
          {streams.users.map(([id, u]) => (
            <div key={id} id={id} data-count={count}>
              {u.name}
              <button phx-click="delete" phx-value-id={id}>
                delete
              </button>
              <button phx-click="update" phx-value-id={id}>
                update
              </button>
              <button phx-click="move-to-first" phx-value-id={id}>
                make first
              </button>
              <button phx-click="move-to-last" phx-value-id={id}>
                make last
              </button>
              <button phx-click="move" phx-value-id={id} phx-value-name="moved" phx-value-at="1">
                move
              </button>
              <button phx-click={JS.hide({ to: `#${id}` })}>JS Hide</button>
            </div>
          ))}
        </div>
        <div id="admins" phx-update="stream">
          {streams.admins.map(([id, u]) => (
            <div key={id} id={id} data-count={count}>
              {u.name}
              <button phx-click="admin-delete" phx-value-id={id}>
                delete
              </button>
              <button phx-click="admin-update" phx-value-id={id}>
                update
              </button>
              <button phx-click="admin-move-to-first" phx-value-id={id}>
                make first
              </button>
              <button phx-click="admin-move-to-last" phx-value-id={id}>
                make last
              </button>
            </div>
          ))}
        </div>
        <LiveComponent id="stream-component" module={StreamComponent} />
        <button phx-click="reset-users">Reset users</button>
        <button phx-click="reset-users-reorder">Reorder users</button>
      </>
    ),
});

const HEALTHY: Record<string, User[]> = {
  fruits: [user(1, "Apples"), user(2, "Oranges")],
  veggies: [user(3, "Carrots"), user(4, "Tomatoes")],
};

export const HealthyLive = defineView({
  mount: (params, _session, socket: LiveSocket<{ category: string; streams: { items: LiveStream<User> } }>) =>
    socket.assign("category", String(params.category)).stream("items", []),
  handleParams: (params, _url, socket: LiveSocket<{ category: string; streams: { items: LiveStream<User> } }>) => {
    const category = String(params.category);
    const items = HEALTHY[category];
    if (!items) throw new Error(`no category ${category}`);
    socket.assign("category", category).stream("items", items, { reset: true });
  },
  events: {
    "load-more": (_p, socket: LiveSocket<{ category: string; streams: { items: LiveStream<User> } }>) =>
      socket.stream("items", [user(5, "Pumpkins"), user(6, "Melons")], { at: -1 }),
  },
  render: ({ category, streams }: { category: string; streams: { items: LiveStream<User> } }) => (
    <>
      <p>
        <Link patch={category === "fruits" ? "/healthy/veggies" : "/healthy/fruits"}>Switch</Link>
      </p>
      <h1>{category.charAt(0).toUpperCase() + category.slice(1).toLowerCase()}</h1>
      <ul id="items" phx-update="stream">
        {streams.items.map(([domId, item]) => (
          <li key={domId} id={domId}>
            {item.name}
          </li>
        ))}
      </ul>
    </>
  ),
});

const ABCD = () => [user("a", "A"), user("b", "B"), user("c", "C"), user("d", "D")];

type ResetAssigns = { use_phx_remove: boolean; streams: { items: LiveStream<User> } };
type ResetSocket = LiveSocket<ResetAssigns>;

export const StreamResetLive = defineView({
  mount: (params, _session, socket: ResetSocket) => socket.stream("items", ABCD()).assign("use_phx_remove", !!params["phx-remove"]),
  events: {
    filter: (_p, s: ResetSocket) => s.stream("items", [user("b", "B"), user("c", "C"), user("d", "D")], { reset: true }),
    reorder: (_p, s: ResetSocket) => s.stream("items", [user("b", "B"), user("a", "A"), user("c", "C"), user("d", "D")], { reset: true }),
    reset: (_p, s: ResetSocket) => s.stream("items", ABCD(), { reset: true }),
    prepend: (_p, s: ResetSocket) => s.streamInsert("items", user(`a${uniqueInteger()}`, String(uniqueInteger())), { at: 0 }),
    append: (_p, s: ResetSocket) => s.streamInsert("items", user(`a${uniqueInteger()}`, String(uniqueInteger())), { at: -1 }),
    "bulk-insert": (_p, s: ResetSocket) => s.stream("items", [user("e", "E"), user("f", "F"), user("g", "G")].reverse(), { at: 1 }),
    "insert-at-one": (_p, s: ResetSocket) => s.streamInsert("items", user(`a${uniqueInteger()}`, String(uniqueInteger())), { at: 1 }),
    "insert-existing-at-one": (_p, s: ResetSocket) => s.streamInsert("items", user("c", "C"), { at: 1 }),
    "delete-insert-existing-at-one": (_p, s: ResetSocket) => s.streamDeleteByDomId("items", "items-c").streamInsert("items", user("c", "C"), { at: 1 }),
    "prepend-existing": (_p, s: ResetSocket) => s.streamInsert("items", user("c", "C"), { at: 0 }),
    "append-existing": (_p, s: ResetSocket) => s.streamInsert("items", user("c", "C"), { at: -1 }),
    "new-update-only": (_p, s: ResetSocket) => s.streamInsert("items", user("e", "E"), { at: -1, updateOnly: true }),
    "existing-update-only": (_p, s: ResetSocket) => s.streamInsert("items", user("c", `C ${uniqueInteger()}`), { at: -1, updateOnly: true }),
  },
  render: ({ use_phx_remove, streams }: ResetAssigns) => (
    <>
      <ul phx-update="stream" id="thelist">
        {streams.items.map(([id, item]) => (
          <li key={id} id={id} phx-remove={use_phx_remove ? JS.hide() : undefined}>
            {item.name}
          </li>
        ))}
      </ul>
      <button phx-click="filter">Filter</button>
      <button phx-click="reorder">Reorder</button>
      <button phx-click="reset">Reset</button>
      <button phx-click="prepend">Prepend</button>
      <button phx-click="append">Append</button>
      <button phx-click="bulk-insert">Bulk insert</button>
      <button phx-click="insert-at-one">Insert at 1</button>
      <button phx-click="insert-existing-at-one">Insert C at 1</button>
      <button phx-click="delete-insert-existing-at-one">Delete C and insert at 1</button>
      <button phx-click="prepend-existing">Prepend C</button>
      <button phx-click="append-existing">Append C</button>
      <button phx-click="new-update-only">Add E (update only)</button>
      <button phx-click="existing-update-only">Update C (update only)</button>
    </>
  ),
});

// A component's id is not among its assigns here: each also gets it as `domId`.
const InnerItem = defineComponent<{ item: User; domId: string }>({
  render: ({ domId, item }) => <li id={domId}>{item.name}</li>,
});

const EAFG = () => [user("e", "E"), user("a", "A"), user("f", "F"), user("g", "G")];

export const StreamResetLCLive = defineView({
  mount: (_params, _session, socket: LiveSocket<{ streams: { items: LiveStream<User> } }>) => socket.stream("items", ABCD()),
  events: {
    reorder: (_p, socket: LiveSocket<{ streams: { items: LiveStream<User> } }>) => socket.stream("items", EAFG(), { reset: true }),
  },
  render: ({ streams }: { streams: { items: LiveStream<User> } }) => (
    <>
      <ul phx-update="stream" id="thelist">
        {streams.items.map(([id, item]) => (
          <LiveComponent key={id} module={InnerItem} id={id} domId={id} item={item} />
        ))}
      </ul>
      <button phx-click="reorder">Reorder</button>
    </>
  ),
});

type LimitAssigns = { at: number; limit: number; last_id: number; streams: { items: LiveStream<{ id: number }> } };
type LimitSocket = LiveSocket<LimitAssigns>;

function newLimitStream(socket: LimitSocket, at: number, limit: number): void {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: i + 1 }));
  socket.assign({ at, limit, last_id: 10 }).stream("items", items, { reset: true, at, limit });
}

export const StreamLimitLive = defineView({
  mount: (_params, _session, socket: LimitSocket) => newLimitStream(socket, -1, -5),
  events: {
    configure: (p: { at: string; limit: string }, socket: LimitSocket) => newLimitStream(socket, Number.parseInt(p.at, 10), Number.parseInt(p.limit, 10)),
    insert_10: (_p, socket: LimitSocket) => {
      const { limit, at, last_id } = socket.assigns;
      const items = Array.from({ length: 10 }, (_, i) => ({ id: last_id + i + 1 }));
      socket.assign("last_id", last_id + 10).stream("items", items, { at, limit });
    },
    insert_1: (_p, socket: LimitSocket) => {
      const { limit, at, last_id } = socket.assigns;
      socket.assign("last_id", last_id + 1).streamInsert("items", { id: last_id + 1 }, { at, limit });
    },
    clear: (_p, socket: LimitSocket) => socket.assign("last_id", 0).stream("items", [], { reset: true }),
  },
  render: ({ at, limit, streams }: LimitAssigns) => (
    <>
      <form phx-submit="configure">
        at: <input type="text" name="at" value={String(at)} /> limit:
        <input type="text" name="limit" value={String(limit)} />
        <button type="submit">recreate stream</button>
      </form>

      <div>
        configured with at: {at}, limit: {limit}
      </div>

      <button phx-click="insert_10">add 10</button>
      <button phx-click="insert_1">add 1</button>
      <button phx-click="clear">clear</button>

      <ul id="items" phx-update="stream">
        {/* HEEx keeps the template's line breaks; a spec counts them to see none accumulate. */}
        {"\n"}
        {streams.items.map(([id, item]) => (
          <li key={id} id={id}>
            {item.id}
          </li>
        ))}
      </ul>
    </>
  ),
});

export const StreamInsideForLive = defineView({
  // Phoenix runs start_async's work only once connected; LiveTSX asks the view to check.
  mount: (_params, _session, socket: LiveSocket<{ streams: { items: LiveStream<User> } }>) => {
    socket.stream("items", []);
    if (socket.connected) socket.startAsync("foo", () => new Promise((done) => setTimeout(done, 50)));
  },
  handleAsync: (name, outcome, socket: LiveSocket<{ streams: { items: LiveStream<User> } }>) => {
    if (name === "foo" && outcome.ok) socket.stream("items", ABCD());
  },
  render: ({ streams }: { streams: { items: LiveStream<User> } }) => (
    <>
      {[1].map((i) => (
        <div key={i}>
          <ul phx-update="stream" id="thelist">
            {streams.items.map(([id, item]) => (
              <li key={id} id={id}>
                {item.name}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  ),
});

type NestedAssigns = { item: User; domId: string; initialized: boolean; streams: { nested: LiveStream<User> } };

const NestedInner = defineComponent<NestedAssigns>({
  update: (props, socket) => {
    if (socket.assigns.initialized) {
      socket.assign(props as Partial<NestedAssigns>);
      return;
    }
    const id = String(props.domId);
    const items = socket.connected
      ? [user(`${id}-a`, "N-A"), user(`${id}-b`, "N-B"), user(`${id}-c`, "N-C"), user(`${id}-d`, "N-D")]
      : [user(`${id}-e`, "N-E"), user(`${id}-f`, "N-F"), user(`${id}-g`, "N-G"), user(`${id}-h`, "N-H")];
    socket.assign({ ...(props as Partial<NestedAssigns>), initialized: true }).stream("nested", items, { reset: true });
  },
  events: {
    reorder: (_p, socket) => {
      const id = socket.assigns.domId;
      socket.stream("nested", [user(`${id}-e`, "N-E"), user(`${id}-a`, "N-A"), user(`${id}-f`, "N-F"), user(`${id}-g`, "N-G")], { reset: true });
    },
  },
  render: ({ domId, item, streams, myself }) => (
    <li id={domId}>
      {item.name}
      <div id={`${domId}-nested`} phx-update="stream" style="display: flex; gap: 4px;">
        {streams.nested.map(([nid, n]) => (
          <span key={nid} id={nid}>
            {n.name}
          </span>
        ))}
      </div>
      <button phx-click="reorder" phx-target={myself}>
        Reorder
      </button>
    </li>
  ),
});

export const StreamNestedComponentResetLive = defineView({
  mount: (_params, _session, socket: LiveSocket<{ streams: { items: LiveStream<User> } }>) => socket.stream("items", ABCD()),
  events: {
    reorder: (_p, socket: LiveSocket<{ streams: { items: LiveStream<User> } }>) => socket.stream("items", EAFG(), { reset: true }),
  },
  render: ({ streams }: { streams: { items: LiveStream<User> } }) => (
    <>
      <ul phx-update="stream" id="thelist">
        {streams.items.map(([id, item]) => (
          <LiveComponent key={id} module={NestedInner} id={id} domId={id} item={item} />
        ))}
      </ul>
      <button phx-click="reorder" id="parent-reorder">
        Reorder
      </button>
    </>
  ),
});

type HighAssigns = { foo: number; streams: { items: LiveStream<User> } };

export const HighFrequencyStreamAndNoStreamUpdatesLive = defineView({
  mount: (_params, _session, socket: LiveSocket<HighAssigns>) => {
    socket.assign("foo", 1).stream("items", []);
    if (socket.connected) socket.sendAfter("tick", 50);
  },
  handleInfo: (message, socket: LiveSocket<HighAssigns>) => {
    if (message !== "tick") return;
    socket.update("foo", (f) => f + 1);
    socket.sendAfter("tick", 50);
  },
  events: {
    insert_item: (_p, socket: LiveSocket<HighAssigns>) => socket.streamInsert("items", user(uniqueInteger(), "Item")),
  },
  render: ({ foo, streams }: HighAssigns) => (
    <>
      <div id="mystream" phx-update="stream">
        {streams.items.map(([id, item]) => (
          <div key={id} id={id}>
            {item.name}, {item.id}
          </div>
        ))}
      </div>
      <p>{foo}</p>
    </>
  ),
});
