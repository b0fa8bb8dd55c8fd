/** Only for root: its own `onMount` runs after the live session's. */
import { defineView, Link } from "@livetsx/server";
import { rootOnly } from "../auth.ts";

export default defineView<{ user: string }>({
  onMount: rootOnly,
  render: ({ user }) => (
    <main id="vault">
      <p id="user">{user}</p>
      <Link id="to-admin" navigate="/admin">admin</Link>
    </main>
  ),
});
