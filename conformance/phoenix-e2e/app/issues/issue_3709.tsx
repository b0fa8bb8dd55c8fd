/** https://github.com/phoenixframework/phoenix_live_view/issues/3709: pending diffs do not race with navigation. */
import { defineComponent, defineView, LiveComponent, Link } from "@livetsx/server";

export const SomeComponent = defineComponent({
  render: () => <div>Hello</div>,
});

const LINKS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export default defineView({
  mount: (_params, _session, socket) => {
    socket.assign({ id: null as string | null });
  },
  handleParams: (params, _url, socket) => {
    const id = params["id"];
    socket.assign({ id: typeof id === "string" ? id : null });
  },
  render: ({ id }: { id: string | null }) => (
    <>
      <ul>
        {LINKS.map((i) => (
          <li key={i}>
            <Link patch={`/issues/3709/${i}`}>Link {i}</Link>
          </li>
        ))}
      </ul>
      <div>
        <LiveComponent module={SomeComponent} id={`user-${id ?? ""}`} /> id: {id ?? ""}
        <div>
          Click the button, then click any link.
          <button {...{ onclick: "document.querySelectorAll('li a').forEach((x) => x.click())" }}>Break Stuff</button>
        </div>
      </div>
    </>
  ),
});
