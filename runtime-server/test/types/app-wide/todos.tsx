import { defineView } from "@livetsx/server";

export default defineView({
  events: {
    add: (payload: { title: string }, socket) => socket.update("todos", (todos) => [...todos, payload.title]),
  },
  render: ({ todos }: { todos: string[] }) => (
    <form phx-submit="add">
      {todos.map((t) => <p key={t}>{t}</p>)}
      {/* Another view's event passes: the list is the app's, one for every view. */}
      <button phx-click="inc">inc</button>
    </form>
  ),
});
