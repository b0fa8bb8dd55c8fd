/** The page around the conformance views: the CSRF meta, the client script, no favicon request. */
import { escapeHTML, type LayoutPage } from "@livetsx/server";

export function layout(page: LayoutPage): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="csrf-token" content="${escapeHTML(page.csrfToken)}"><link rel="icon" href="data:,">` +
    `<title>${escapeHTML(page.title)}</title>` +
    `<script type="module" src="${escapeHTML(page.clientScript)}"></script>` +
    `</head><body><main>${page.view}</main></body></html>`
  );
}
