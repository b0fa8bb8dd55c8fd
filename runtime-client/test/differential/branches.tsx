import { defineView } from "@livetsx/server";

interface Task {
  id: number;
  label: string;
  done: boolean;
  urgent: boolean;
  note: string;
}

interface Assigns {
  mode: "a" | "b" | "c";
  title: string;
  showNote: boolean;
  note: string;
  count: number;
  tasks: readonly Task[];
}

/** Branch switches: ternaries between templates, `&&`, conditionals nested in list entries. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({
      mode: "a",
      title: "Tasks",
      showNote: false,
      note: "remember",
      count: 0,
      tasks: [
        { id: 1, label: "write", done: false, urgent: false, note: "" },
        { id: 2, label: "test", done: false, urgent: true, note: "today" },
        { id: 3, label: "ship", done: true, urgent: false, note: "" },
      ],
    });
  },
  events: {
    set: (p: Partial<Assigns>, socket) => socket.assign(p),
    task: (p: { id: number } & Partial<Task>, socket) =>
      socket.update("tasks", (tasks) => tasks.map((t) => (t.id === p.id ? { ...t, ...p } : t))),
    add: (p: Task, socket) => socket.update("tasks", (tasks) => [...tasks, p]),
    remove: (p: { id: number }, socket) => socket.update("tasks", (tasks) => tasks.filter((t) => t.id !== p.id)),
  },
  render: ({ mode, title, showNote, note, count, tasks }) => (
    <div class={`mode-${mode}`}>
      {mode === "a" ? (
        <h1 class="a">A: {title}</h1>
      ) : mode === "b" ? (
        <header>
          <h2>{title}</h2>
          <p>B</p>
        </header>
      ) : (
        `plain ${title}`
      )}
      {showNote && <aside>{note}</aside>}
      {count > 0 && (count > 5 ? <b>many {count}</b> : <i>few {count}</i>)}
      {tasks.length > 0 ? (
        <ul>
          {tasks.map((task) => (
            <li key={task.id} class={task.done ? "done" : undefined}>
              {task.done ? <s>{task.label}</s> : task.urgent ? <strong>{task.label}!</strong> : task.label}
              {task.note && <small> ({task.note})</small>}
              {task.urgent && !task.done && (showNote ? <em>{note}</em> : <em>now</em>)}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">Nothing to do{showNote ? `: ${note}` : ""}</p>
      )}
    </div>
  ),
});
