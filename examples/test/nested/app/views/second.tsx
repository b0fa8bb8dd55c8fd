/** The second page: the same sticky counter, and a link back. */
import { defineView, Link, LiveView } from "@livetsx/server";
import Counter from "./counter.tsx";

export default defineView({
  render: () => (
    <main>
      <h1 id="second">second</h1>
      <Link id="to-first" navigate="/first">first</Link>
      <LiveView module={Counter} id="pinned" session={{ label: "pinned" }} sticky />
    </main>
  ),
});
