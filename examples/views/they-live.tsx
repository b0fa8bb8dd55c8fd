import { defineView } from "@livetsx/server";

type Person = { id: number; name: string; type: "human" | "alien" };

export default defineView({
  mount: (_params, _session, socket) =>
    socket.assign({
      sunglasses: false,
      people: [
        { id: 1, name: "Nada", type: "human" },
        { id: 2, name: "Holly", type: "alien" },
      ],
    }),
  events: {
    toggle: (_payload, socket) => socket.update("sunglasses", (on: boolean) => !on),
  },
  render: ({ sunglasses, people }: { sunglasses: boolean; people: Person[] }) => (
    <div class="they-live">
      <button phx-click="toggle">
        {sunglasses ? "Take off sunglasses" : "Put on sunglasses"}
      </button>
      <p>
        {sunglasses
          ? "Now you see them as they really are."
          : "Everyone looks perfectly normal."}
      </p>
      <ul id="people">
        {people.map((person) => (
          <li
            key={person.id}
            id={`person-${person.id}`}
            class={{ revealed: sunglasses && person.type === "alien" }}
          >
            {person.type === "alien" && sunglasses ? "👽" : "🙂"} {person.name}
          </li>
        ))}
      </ul>
    </div>
  ),
});
