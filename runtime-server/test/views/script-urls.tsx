import { defineView, Link, trustedURL, type EventPayload } from "@livetsx/server";

type Assigns = { url: string };

/** Dynamic URLs from the assigns next to static ones written here; `set` changes the URL. */
export default defineView<Assigns>({
  mount: (_params, _session, socket) => {
    socket.assign({ url: "javascript:alert(1)" });
  },
  events: {
    set: (payload: EventPayload, socket) => socket.assign({ url: String(payload.url) }),
  },
  render: ({ url }) => {
    const rest = { class: "spread" };
    return (
      <section id="urls">
        <a id="dynamic" href={url}>d</a>
        <a id="spread" {...rest} href={url}>s</a>
        <form id="form" action={url}><button id="button" formaction={url}>b</button></form>
        <iframe id="frame" src={url}></iframe>
        <svg><a id="svg" xlink:href={url}>x</a></svg>
        <a id="trusted" href={trustedURL(url)}>t</a>
        <a id="static" href="javascript:void(0)">st</a>
        <a id="static-spread" {...rest} href="javascript:void(0)">ss</a>
        <span id="link"><Link href={url}>l</Link></span>
      </section>
    );
  },
});
