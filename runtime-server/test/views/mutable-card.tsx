import { defineComponent, defineView, LiveComponent, type EventPayload } from "@livetsx/server";

interface Note {
  text: string;
}

const Card = defineComponent<{ note: Note; mine: Note }>({
  mount: (socket) => socket.assign({ mine: { text: "mine" } }),
  events: {
    // The component changes its own object in place and assigns it again.
    shout: (_payload, socket) => {
      const mine = socket.assigns.mine;
      mine.text = mine.text.toUpperCase();
      socket.assign("mine", mine);
    },
    // The parent's object, changed in place by the component: the parent's assign changed too.
    shoutParent: (_payload, socket) => {
      const note = socket.assigns.note;
      note.text = note.text.toUpperCase();
      socket.assign("note", note);
    },
  },
  render: ({ note, mine }) => (
    <div>
      {note.text} {mine.text}
    </div>
  ),
});

/** A live component receiving an object prop, changed in place by the view or by itself. */
export default defineView<{ note: Note; tick: number }>({
  mount: (_params, _session, socket) => socket.assign({ note: { text: "hi" }, tick: 0 }),
  events: {
    tick: (_payload, socket) => socket.update("tick", (t) => t + 1),
    edit: (payload: EventPayload, socket) => {
      const note = socket.assigns.note;
      note.text = String(payload.text);
      socket.assign("note", note);
    },
  },
  render: ({ note, tick }) => (
    <main>
      <LiveComponent module={Card} id="card" note={note} tick={tick} />
    </main>
  ),
});
