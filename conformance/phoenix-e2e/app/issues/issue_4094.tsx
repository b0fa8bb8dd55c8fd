/** https://github.com/phoenixframework/phoenix_live_view/issues/4094: a redirect from handleParams after a patch. */
import { defineView, Link } from "@livetsx/server";

export default defineView({
  handleParams: (params, _url, socket) => {
    if (params["foo"] === "bar") socket.redirect("/navigation/a");
  },
  render: () => <Link patch="/issues/4094?foo=bar">Patch</Link>,
});
