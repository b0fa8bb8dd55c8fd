import { defineView } from "@livetsx/server";

interface Demo {
  path: string;
  title: string;
  blurb: string;
}

const DEMOS: readonly Demo[] = [
  {
    path: "/counter",
    title: "Counter",
    blurb: "Buttons that change a number on the server; the diff that comes back is just the number (and the page title).",
  },
  {
    path: "/sunglasses",
    title: "They Live",
    blurb: "A keyed list whose entries depend on an outer assign: put the sunglasses on and only the aliens change.",
  },
  {
    path: "/search",
    title: "Search",
    blurb: "Search as you type, debounced on the client and filtered on the server, with a counter of the events that arrived.",
  },
  {
    path: "/thermostat",
    title: "Thermostat",
    blurb: "Server-side timers: the temperature drifts toward the setpoint every second with sendAfter, no client code.",
  },
  {
    path: "/chat",
    title: "Chat",
    blurb: "A chat room over PubSub: open it in two windows (add ?name=bob to one) and messages show up in both at once.",
  },
  {
    path: "/todos",
    title: "Todos",
    blurb: "A shared todo list: each todo is a live component, the list is a stream, and a second window sees every change.",
  },
  {
    path: "/register",
    title: "Register",
    blurb: "A form validated on the server as you type, errors only for the fields you used, and a submit that lands on another view with a flash message.",
  },
  {
    path: "/posts",
    title: "Posts",
    blurb: "Sorting, filtering and an open post kept in the URL by live patches: no page loads, and the back button (and the scroll position) still work.",
  },
  {
    path: "/menus",
    title: "Modal and dropdown",
    blurb: "A dropdown and a modal that open and close with JS commands, without a round trip; the server hears only what you pick and save.",
  },
  {
    path: "/dashboard",
    title: "Dashboard",
    blurb: "Three panels loaded with assignAsync, each arriving on its own while the page stays responsive; one fails, and a retry loads it again.",
  },
  {
    path: "/feed",
    title: "Feed",
    blurb: "An endless feed over a stream: the next page of posts arrives when the last one scrolls into view (phx-viewport-bottom).",
  },
  {
    path: "/stats",
    title: "Stats",
    blurb: "A chart drawn by a hook written in the view's own module: it asks the server with pushEvent and draws the reply.",
  },
];

/** The index of the demos. */
export default defineView<{ demos: readonly Demo[] }>({
  mount: (_params, _session, socket) => {
    socket.assign({ demos: DEMOS }).pageTitle("LiveTSX demos");
  },
  events: {},
  render: ({ demos }) => (
    <section class="home">
      <h1>LiveTSX demos</h1>
      <p class="lead">
        Every page below is a view written in <code>.tsx</code> and rendered on the server. After
        the first page load, a WebSocket carries your clicks and keystrokes up and only the changed
        values come back down.
      </p>
      <ul class="demo-list">
        {demos.map((demo) => (
          <li key={demo.path} class="card">
            <a href={demo.path}>{demo.title}</a>
            <p>{demo.blurb}</p>
          </li>
        ))}
      </ul>
    </section>
  ),
});
