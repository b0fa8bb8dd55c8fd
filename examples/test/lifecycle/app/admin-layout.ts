/** The admin live session's own page: the server's parts, in a body marked for its styles. */
import type { LayoutPage } from "@livetsx/server";

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function adminLayout(page: LayoutPage): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="csrf-token" content="${escape(page.csrfToken)}"><link rel="icon" href="data:,">` +
    `<title>Admin · ${escape(page.title)}</title>` +
    `<script type="module" src="${escape(page.clientScript)}"></script>` +
    `</head><body class="admin">${page.view}</body></html>`
  );
}
