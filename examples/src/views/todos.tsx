import { defineComponent, defineView, LiveComponent, type LiveStream } from "@livetsx/server";

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

type Change = { type: "saved"; todo: Todo } | { type: "deleted"; todo: Todo };

/** The shared list: every window sees the same todos. */
const store = new Map<number, Todo>([
  [1, { id: 1, title: "Try LiveTSX", done: true }],
  [2, { id: 2, title: "Open this page in a second window", done: false }],
]);
let nextId = 3;
const TOPIC = "todos";

/** One todo: its own state (editing or not) and its own events (phx-target={myself}). */
const TodoItem = defineComponent<{ todo: Todo; editing: boolean }>({
  mount: (socket) => {
    socket.assign({ editing: false });
  },
  events: {
    toggle: async (_payload, socket) => {
      const todo = { ...socket.assigns.todo, done: !socket.assigns.todo.done };
      store.set(todo.id, todo);
      await socket.broadcast(TOPIC, { type: "saved", todo } satisfies Change);
    },
    edit: (_payload, socket) => socket.assign({ editing: true }),
    cancel: (_payload, socket) => socket.assign({ editing: false }),
    save: async (payload: { title?: string }, socket) => {
      const title = String(payload.title ?? "").trim();
      socket.assign({ editing: false });
      if (!title) return;
      const todo = { ...socket.assigns.todo, title };
      store.set(todo.id, todo);
      await socket.broadcast(TOPIC, { type: "saved", todo } satisfies Change);
    },
    delete: async (_payload, socket) => {
      store.delete(socket.assigns.todo.id);
      await socket.broadcast(TOPIC, { type: "deleted", todo: socket.assigns.todo } satisfies Change);
    },
  },
  render: ({ todo, editing, myself }) => (
    <div class={["todo", { done: todo.done }]}>
      <input type="checkbox" checked={todo.done} phx-click="toggle" phx-target={myself} aria-label="Done" />
      {editing ? (
        <form class="todo-edit" phx-submit="save" phx-target={myself}>
          <input type="text" name="title" value={todo.title} autocomplete="off" />
          <button type="submit">Save</button>
          <button type="button" class="secondary" phx-click="cancel" phx-target={myself}>Cancel</button>
        </form>
      ) : (
        <span class="todo-title" phx-click="edit" phx-target={myself}>{todo.title}</span>
      )}
      <button class="todo-delete secondary" phx-click="delete" phx-target={myself} aria-label="Delete">×</button>
    </div>
  ),
});

export default defineView<{ streams: { todos: LiveStream<Todo> }; draft: string; count: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ draft: "", count: store.size }).stream("todos", [...store.values()]).pageTitle("Todos");
    if (socket.connected) socket.subscribe(TOPIC);
  },
  events: {
    typing: (payload: { title?: string }, socket) => socket.assign({ draft: String(payload.title ?? "") }),
    add: async (payload: { title?: string }, socket) => {
      const title = String(payload.title ?? "").trim();
      socket.assign({ draft: "" });
      if (!title) return;
      const todo = { id: nextId++, title, done: false };
      store.set(todo.id, todo);
      await socket.broadcast(TOPIC, { type: "saved", todo } satisfies Change);
    },
  },
  handleInfo: (message, socket) => {
    const change = message as Change;
    if (change.type === "saved") socket.streamInsert("todos", change.todo);
    else socket.streamDelete("todos", change.todo);
    socket.assign({ count: store.size });
  },
  render: ({ streams, draft, count }) => (
    <section class="card todos">
      <h1>Todos</h1>
      <form id="new-todo" class="todo-new" phx-submit="add" phx-change="typing">
        <input type="text" name="title" value={draft} placeholder="What needs doing?" autocomplete="off" />
        <button type="submit">Add</button>
      </form>
      <ul id="todo-list" phx-update="stream">
        {streams.todos.map(([domId, todo]) => (
          <li id={domId} key={domId}>
            <LiveComponent module={TodoItem} id={todo.id} todo={todo} />
          </li>
        ))}
      </ul>
      <p class="hint">
        <span id="todo-count">{count}</span> todos. Each one is a live component; the list is a stream, so the
        server keeps none of it between renders. Open a second window: every change shows up in both.
      </p>
    </section>
  ),
});
