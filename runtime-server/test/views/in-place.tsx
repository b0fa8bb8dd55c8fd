import { defineView, type EventPayload } from "@livetsx/server";

interface Assigns {
  map: Map<string, number>;
  set: Set<string>;
  date: Date;
  bytes: Uint8Array;
  user: { address: { city: string } };
  big: number[];
  count: number;
}

type Change = (a: Assigns) => keyof Assigns;

/** Each change made in place; `assign` says whether the handler assigns the value again. */
const changes: Record<string, Change> = {
  map: (a) => (a.map.set("k", 1), "map"),
  set: (a) => (a.set.add("x"), "set"),
  date: (a) => (a.date.setUTCDate(2), "date"),
  bytes: (a) => ((a.bytes[0] = 7), "bytes"),
  city: (a) => ((a.user.address.city = "Oslo"), "user"),
  big: (a) => ((a.big[0] = -1), "big"),
};

export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({
      map: new Map(),
      set: new Set(),
      date: new Date(Date.UTC(2024, 0, 1)),
      bytes: new Uint8Array(4),
      user: { address: { city: "Rome" } },
      big: Array.from({ length: 20_000 }, (_, i) => i),
      count: 0,
    });
  },
  events: {
    change: (payload: EventPayload, socket) => {
      const key = changes[String(payload.what)]!(socket.assigns as Assigns);
      if (payload.assign) socket.assign(key, socket.assigns[key]);
    },
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
  },
  render: ({ map, set, date, bytes, user, count }) => (
    <p>
      {map.size} {set.size} {date.getTime()} {bytes[0]} {user.address.city} {count}
    </p>
  ),
});
