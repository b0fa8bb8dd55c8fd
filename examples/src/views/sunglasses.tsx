import { defineView } from "@livetsx/server";

interface Person {
  id: number;
  name: string;
  type: "human" | "alien";
}

const PEOPLE: readonly Person[] = [
  { id: 1, name: "Nada", type: "human" },
  { id: 2, name: "Holly Thompson", type: "alien" },
  { id: 3, name: "Frank Armitage", type: "human" },
  { id: 4, name: "The Drifter", type: "alien" },
  { id: 5, name: "Gilbert", type: "human" },
  { id: 6, name: "The TV Anchor", type: "alien" },
  { id: 7, name: "The Bearded Man", type: "human" },
  { id: 8, name: "The Bank Manager", type: "alien" },
];

/** "They Live": put the sunglasses on and see who is really who. */
export default defineView<{ sunglasses: boolean; people: readonly Person[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ sunglasses: false, people: PEOPLE }).pageTitle("They Live");
  },
  events: {
    toggle: (_payload, socket) => {
      socket.update("sunglasses", (on) => !on);
    },
  },
  render: ({ sunglasses, people }) => {
    const aliens = people.filter((p) => p.type === "alien").length;
    return (
      <section class={["card", "they-live", sunglasses && "sunglasses-on"]}>
        <h1>They Live</h1>
        <button phx-click="toggle" aria-pressed={sunglasses}>
          {sunglasses ? "🕶️ Take the sunglasses off" : "🕶️ Put the sunglasses on"}
        </button>
        <p class="verdict" id="verdict">
          {sunglasses
            ? `Now you see them: ${aliens} of the ${people.length} people are aliens.`
            : "Everyone looks perfectly normal. Obey. Consume. Conform."}
        </p>
        <ul class="people" id="people">
          {people.map((person) => (
            <li
              key={person.id}
              id={`person-${person.id}`}
              class={["person", person.type === "alien" && sunglasses ? "alien" : "human"]}
            >
              <span class="face">{person.type === "alien" && sunglasses ? "👽" : "🙂"}</span>
              <span class="name">{person.name}</span>
            </li>
          ))}
        </ul>
        <p class="hint">
          Toggling sends only the entries that depend on the sunglasses and the person's type; the
          humans' rows do not change.
        </p>
      </section>
    );
  },
});
