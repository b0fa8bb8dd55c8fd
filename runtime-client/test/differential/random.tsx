import { defineView } from "@livetsx/server";

export interface Entry {
  id: number;
  label: string;
  flag: boolean;
}

/** One change to the list, as the randomised test sends them. */
export type Op =
  | { op: "insert"; at: number; id: number; label: string }
  | { op: "delete"; at: number }
  | { op: "move"; from: number; to: number }
  | { op: "edit"; at: number; label: string }
  | { op: "toggle"; at: number }
  | { op: "heading"; to: string }
  | { op: "clear" };

interface Assigns {
  entries: readonly Entry[];
  heading: string;
}

function apply(entries: Entry[], op: Op): void {
  switch (op.op) {
    case "insert":
      entries.splice(op.at, 0, { id: op.id, label: op.label, flag: op.id % 2 === 0 });
      return;
    case "delete":
      entries.splice(op.at, 1);
      return;
    case "move":
      entries.splice(op.to, 0, ...entries.splice(op.from, 1));
      return;
    case "edit":
      entries[op.at] = { ...entries[op.at]!, label: op.label };
      return;
    case "toggle":
      entries[op.at] = { ...entries[op.at]!, flag: !entries[op.at]!.flag };
      return;
    case "clear":
      entries.length = 0;
      return;
    case "heading":
      return;
  }
}

/** A keyed list whose entries switch template with a flag, driven by random batches of ops. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ heading: "Random", entries: Array.from({ length: 8 }, (_, i) => ({ id: i + 1, label: `e${i + 1}`, flag: i % 3 === 0 })) });
  },
  events: {
    batch: (p: { ops: Op[] }, socket) => {
      const entries = socket.assigns.entries.slice();
      for (const op of p.ops) {
        if (op.op === "heading") socket.assign({ heading: op.to });
        else apply(entries, op);
      }
      socket.assign({ entries });
    },
  },
  render: ({ entries, heading }) => (
    <div>
      <h1>
        {heading} ({entries.length})
      </h1>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} id={`e-${entry.id}`}>
            {entry.flag ? (
              <label class="on">
                <input type="checkbox" checked /> {entry.label}
              </label>
            ) : (
              <span class="off">{entry.label}</span>
            )}
            {entry.flag && entry.label.length > 4 && <b>long</b>}
          </li>
        ))}
      </ul>
    </div>
  ),
});
