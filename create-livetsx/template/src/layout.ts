/** The page around every view. Keep the CSRF meta tag, the client script and `page.view`. */
import { escapeHTML, type LayoutPage } from "@livetsx/server";

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
nav a { margin-right: 1rem; }
button { font: inherit; padding: 0.25rem 0.75rem; }
`;

export function layout(page: LayoutPage): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="csrf-token" content="${escapeHTML(page.csrfToken)}"><link rel="icon" href="data:,">` +
    `<title>${escapeHTML(page.title)}</title><style>${STYLE}</style>` +
    `<script type="module" src="${escapeHTML(page.clientScript)}"></script>` +
    `</head><body>` +
    `<nav><a href="/">Counter</a><a href="/list">List</a></nav>` +
    `<main>${page.view}</main>` +
    `</body></html>`
  );
}
