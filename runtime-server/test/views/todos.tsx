import { defineComponent, defineView, LiveComponent, type LiveStream, type EventPayload } from "@livetsx/server";

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

/** One todo: its own assigns, its own events, reporting deletes to the view. */
export const TodoItem = defineComponent<{ todo: Todo; note: string }>({
  mount: (socket) => {
    socket.assign({ note: "" });
  },
  events: {
    toggle: (_payload, socket) => socket.update("todo", (t) => ({ ...t, done: !t.done })),
    remove: (_payload, socket) => socket.sendInfo({ removed: socket.assigns.todo }),
  },
  render: ({ todo, note, myself }) => (
    <li class={{ done: todo.done }}>
      <input type="checkbox" checked={todo.done} phx-click="toggle" phx-target={myself} />
      {todo.title}
      <em>{note}</em>
      <button phx-click="remove" phx-target={myself}>x</button>
    </li>
  ),
});

export default defineView<{ next: number; streams: { todos: LiveStream<Todo> } }>({
  mount: (_params, _session, socket) => {
    const todos: Todo[] = [
      { id: 1, title: "milk", done: false },
      { id: 2, title: "eggs", done: true },
    ];
    socket.assign({ next: 3 }).stream("todos", todos);
  },
  events: {
    add: (payload: EventPayload, socket) => {
      const todo = { id: socket.assigns.next, title: String(payload.title), done: false };
      socket.update("next", (n) => n + 1).streamInsert("todos", todo, { at: 0, limit: 10 });
    },
    note: (payload: EventPayload, socket) => socket.sendUpdate(TodoItem, Number(payload.id), { note: String(payload.note) }),
    /** Moves a todo to the top: deleted, then inserted again at 0, in one render. */
    top: (payload: EventPayload, socket) => {
      const todo = { id: Number(payload.id), title: String(payload.title), done: false };
      socket.streamDelete("todos", todo).streamInsert("todos", todo, { at: 0 });
    },
    /** Inserted, then deleted, in one render: nothing of it is sent. */
    flicker: (_payload, socket) => {
      const todo = { id: 99, title: "gone", done: false };
      socket.streamInsert("todos", todo).streamDelete("todos", todo);
    },
    reset: (_payload, socket) => socket.stream("todos", [{ id: 9, title: "fresh", done: false }], { reset: true }),
  },
  handleInfo: (message, socket) => {
    const { removed } = message as { removed: Todo };
    socket.streamDelete("todos", removed);
  },
  render: ({ streams }) => (
    <ul id="todos" phx-update="stream">
      {streams.todos.map(([domId, todo]) => (
        <div id={domId} key={domId}>
          <LiveComponent module={TodoItem} id={todo.id} todo={todo} />
        </div>
      ))}
    </ul>
  ),
});
