/** The page around every demo view: head, navigation bar, and the view inside `<main>`. */
import { escapeHTML, type LayoutPage } from "@livetsx/server";

const NAV: readonly [href: string, label: string][] = [
  ["/counter", "Counter"],
  ["/sunglasses", "They Live"],
  ["/search", "Search"],
  ["/thermostat", "Thermostat"],
  ["/chat", "Chat"],
  ["/todos", "Todos"],
  ["/register", "Register"],
  ["/posts", "Posts"],
];

export function layout(page: LayoutPage): string {
  const links = NAV.map(([href, label]) => `<a href="${escapeHTML(href)}">${escapeHTML(label)}</a>`).join("");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="csrf-token" content="${escapeHTML(page.csrfToken)}"><link rel="icon" href="data:,">` +
    `<title>${escapeHTML(page.title)}</title>` +
    `<link rel="stylesheet" href="/styles.css">` +
    `<script type="module" src="${escapeHTML(page.clientScript)}"></script>` +
    `</head><body>` +
    `<header class="topbar"><nav class="nav" aria-label="Demos">` +
    `<a class="brand" href="/">LiveTSX</a><div class="nav-links">${links}</div>` +
    `</nav></header>` +
    `<main class="container">${page.view}</main>` +
    `<footer class="footer">Server-rendered views, dependency-tracked diffs over a WebSocket.</footer>` +
    `</body></html>`
  );
}
