import { defineView, type EventPayload } from "@livetsx/server";

/** `remind` schedules a message after `ms`, as a reminder a user sets might. */
export default defineView<{ reminded: number }>({
  mount: (_params, _session, socket) => {
    socket.assign({ reminded: 0 });
  },
  events: {
    remind: (payload: EventPayload, socket) => {
      socket.sendAfter("remind", Number(payload.ms));
    },
  },
  handleInfo: (_message, socket) => {
    socket.update("reminded", (n) => n + 1);
  },
  render: ({ reminded }) => <p>{reminded}</p>,
});
