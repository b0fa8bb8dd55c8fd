/**
 * Lists of every shape the compiler writes entry HTML functions for (and a few it does not), for
 * the test that the HTTP render's lists give the bytes walking their trees gives.
 */
import { defineComponent, defineView, LiveComponent, raw } from "../../src/index.js";

export interface Item {
  id: number;
  name: string;
  tags: string[];
  done: boolean;
  url: string;
  size: number | null;
  note?: string;
}

export interface Assigns {
  title: string;
  items: Item[];
  selected: number | null;
  compact: boolean;
}

const Badge = ({ label, tone }: { label: string; tone: string }) => <span class={["badge", tone]}>{label}</span>;

const Counter = defineComponent({
  // No `myself` in the markup: each dead render of a live component gets a new id.
  render: ({ id, value }: { id: string; value: number }) => <em id={id}>{value}</em>,
});

export default defineView<Assigns>({
  render: ({ title, items, selected, compact }) => (
    <main title={title}>
      <ul>
        {items.map((item, i) => (
          <li key={item.id} id={`item-${item.id}`} class={{ done: item.done, selected: item.id === selected }} data-index={i} hidden={compact && i > 2}>
            <a href={item.url}>{item.name}</a>
            {item.note ? <p style={{ color: "red", width: item.size ?? 0 }}>{item.note}</p> : null}
            {item.size}
            <ol>
              {item.tags.map((tag) => (
                <li key={tag}>
                  {tag}
                  <Badge label={tag} tone={item.done ? "ok" : "todo"} />
                </li>
              ))}
            </ol>
            {raw(`<!-- ${item.id} -->`)}
          </li>
        ))}
      </ul>
      <table>
        {items.map((item) => {
          const label = `${item.name}/${title}`;
          return (
            <tr key={item.id}>
              <td>{label}</td>
              <td>{item.tags.length}</td>
            </tr>
          );
        })}
      </table>
      <p>
        {items.map((item) => (item.done ? <b key={item.id}>{item.name}</b> : <i key={item.id}>{item.name}</i>))}
      </p>
      <div>
        {items.map(function (item) {
          return <span key={item.id}>{item.name}</span>;
        })}
      </div>
      <section>
        {items.map((item) => (
          <div key={item.id}>
            <LiveComponent module={Counter} id={`counter-${item.id}`} value={item.tags.length} />
          </div>
        ))}
      </section>
    </main>
  ),
});
