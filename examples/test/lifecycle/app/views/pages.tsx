/** The pages outside the admin live session. */
import { defineView, Link } from "@livetsx/server";

export const Home = defineView({
  render: () => (
    <main id="home">
      <Link id="to-admin" navigate="/admin">admin</Link>
    </main>
  ),
});

export const Login = defineView<{ denied: string }>({
  mount: (params, _session, socket) => {
    socket.assign({ denied: typeof params.denied === "string" ? params.denied : "" });
  },
  render: ({ denied }) => (
    <main id="login">
      <h1>Sign in</h1>
      <p id="denied">{denied}</p>
    </main>
  ),
});
