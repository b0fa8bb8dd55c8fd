import { defineView } from "@livetsx/server";

type Shape = "list" | "text" | "element" | "component" | "nothing" | "number";

interface Assigns {
  root: "div" | "fragment" | "section";
  shape: Shape;
  words: readonly string[];
  n: number;
}

function Maybe({ word }: { word: string }) {
  // A component whose output is sometimes a template, sometimes a plain value.
  if (word.length === 0) return null;
  if (word.length < 3) return word.toUpperCase();
  return <abbr title={word}>{word.slice(0, 3)}</abbr>;
}

function Pair({ left, right }: { left: string; right: string }) {
  // No single root element: the component's rendered carries no `r`.
  return (
    <>
      <dt>{left}</dt>
      <dd>{right}</dd>
    </>
  );
}

/** One slot that changes kind (list, text, element, component, nothing), and a root that switches template. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ root: "div", shape: "list", words: ["alpha", "be", ""], n: 0 });
  },
  events: {
    set: (p: Partial<Assigns>, socket) => socket.assign(p),
  },
  render: ({ root, shape, words, n }) => {
    const body =
      shape === "list"
        ? words.map((word, i) => (
            <span key={i}>
              <Maybe word={word} />
            </span>
          ))
        : shape === "text"
          ? `words: ${words.join(", ")}`
          : shape === "element"
            ? <dl>{words.map((word) => <Pair key={word} left={word} right={String(word.length)} />)}</dl>
            : shape === "component"
              ? <Maybe word={words[0] ?? ""} />
              : shape === "number"
                ? n
                : null;
    if (root === "fragment") {
      return (
        <>
          <h1>{n}</h1>
          {body}
          <p>fragment</p>
        </>
      );
    }
    if (root === "section") return <section data-n={n}>{body}</section>;
    return (
      <div>
        {body}
        <footer>{n}</footer>
      </div>
    );
  },
});
