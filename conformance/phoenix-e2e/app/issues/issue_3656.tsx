/**
 * https://github.com/phoenixframework/phoenix_live_view/issues/3656: loading classes of links in
 * a sticky nested view.
 */
import { defineView, Link } from "@livetsx/server";
import { registerSticky, StickyChild } from "./sticky.tsx";
import { InlineStyle } from "./shared.tsx";

const CSS = `
  * { font-size: 1.1em }
  nav { margin-top: 1em }
  nav a { padding: 8px 16px; border: 1px solid black; text-decoration: none }
  nav a:visited { color: inherit }
  nav a.active { border: 3px solid green }
  nav a.phx-click-loading { animation: pulsate 2s infinite }
  @keyframes pulsate {
    0% { background-color: white; }
    50% { background-color: red; }
    100% { background-color: white; }
  }
`;

/** The sticky nested view (`id: "sticky"`). */
export const Sticky = registerSticky("3656", defineView({
  render: () => (
    <nav>
      <Link navigate="/issues/3656?navigated=true">Link 1</Link>
    </nav>
  ),
}));

export default defineView({
  render: () => (
    <>
      <InlineStyle css={CSS} />
      <StickyChild name="3656" />
    </>
  ),
});
