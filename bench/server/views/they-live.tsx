import { defineView } from "@livetsx/server";

interface Person {
  id: number;
  name: string;
  type: "human" | "alien";
}

export default defineView<{ sunglasses: boolean; people: Person[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({
      sunglasses: false,
      people: [
        { id: 1, name: "Nada", type: "human" },
        { id: 2, name: "Holly", type: "alien" },
        { id: 3, name: "Frank", type: "human" },
        { id: 4, name: "Drifter", type: "alien" },
      ],
    });
  },
  events: {
    toggle: (_payload, socket) => socket.update("sunglasses", (on) => !on),
  },
  render: ({ sunglasses, people }) => (
    <div>
      <button phx-click="toggle">{sunglasses ? "Take them off" : "Put on sunglasses"}</button>
      <p>{sunglasses ? "Now you see them." : "Everyone looks normal."}</p>
      <ul>
        {people.map((person) => (
          <li key={person.id}>
            {person.name} {person.type === "alien" && sunglasses ? <b class="alien">👽</b> : "🙂"}
          </li>
        ))}
      </ul>
    </div>
  ),
});
