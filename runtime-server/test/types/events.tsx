/**
 * Type tests for event handlers, checked by `npm run typecheck` (see elements.tsx): payloads
 * are what the handler declares, `unknown` when it declares nothing; a view's type keeps its
 * event names; a form's payload can be typed from its schema.
 */
import {
  defineComponent,
  defineView,
  toForm,
  type EventPayload,
  type FormParams,
  type StandardSchemaV1,
  type ViewEventNames,
} from "@livetsx/server";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_: T): void {}

interface Move {
  id: number;
  to: string;
}

const counter = defineView({
  mount: (_params, _session, socket) => socket.assign({ count: 0 }),
  events: {
    inc: (_payload, socket) => socket.update("count", (c) => c + 1),
    // @ts-expect-error: an undeclared payload is unknown, never any
    set: (payload, socket) => socket.assign({ count: payload.count }),
    setChecked: (payload, socket) => socket.assign({ count: Number((payload as EventPayload).count) }),
    declared: (payload: { count: string }, socket) => socket.assign({ count: Number(payload.count) }),
    byInterface: (payload: Move, socket) => socket.assign({ count: payload.id }),
    asRecord: (payload: EventPayload, socket) => socket.assign({ count: Number(payload.count) }),
  },
  render: ({ count }: { count: number }) => <button phx-click="inc">{count}</button>,
});

expectType<Equal<ViewEventNames<typeof counter>, "inc" | "set" | "setChecked" | "declared" | "byInterface" | "asRecord">>(true);

// With the assigns given, the events are still checked; their names are then just strings.
export const explicit = defineView<{ n: number }>({
  events: {
    // @ts-expect-error: an undeclared payload is unknown
    bad: (payload, socket) => socket.assign({ n: payload.n }),
    good: (payload: { n: number }, socket) => socket.assign({ n: payload.n }),
    // @ts-expect-error: the assigns are checked: `n` is a number
    wrong: (_payload, socket) => socket.assign({ n: "1" }),
  },
  render: ({ n }) => <p>{n}</p>,
});

const item = defineComponent({
  events: {
    toggle: (_payload, socket) => socket.update("done", (d) => !d),
    rename: (payload: { title: string }, socket) => socket.assign({ title: payload.title }),
  },
  render: ({ done, title, myself }: { done: boolean; title: string; myself: number }) => (
    <li class={{ done }} phx-click="toggle" phx-target={myself}>{title}</li>
  ),
});

expectType<Equal<ViewEventNames<typeof item>, "toggle" | "rename">>(true);

// ─── Form payloads from the schema ────────────────────────────────────────────────────────

interface Signup {
  email: string;
  address: { city: string };
}
declare const signup: StandardSchemaV1<unknown, Signup>;

export const form = defineView({
  events: {
    validate: async (payload: FormParams<typeof signup, "user">, socket) => {
      const email: string | string[] | undefined = payload.user?.email;
      const city: string | string[] | undefined = payload.user?.address?.city;
      const target: string[] | undefined = payload._target;
      // @ts-expect-error: the schema has no such field
      payload.user?.emial;
      // @ts-expect-error: the fields are under the form's name
      payload.email;
      socket.assign({ form: await toForm(signup, { name: "user", params: payload }), seen: [email, city, target] });
    },
  },
  render: (_assigns: { form: unknown; seen: unknown[] }) => <form phx-change="validate" />,
});
