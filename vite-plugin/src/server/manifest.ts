/**
 * What the page needs from the client build's manifest (`.vite/manifest.json`): the hashed entry
 * script, the chunks it imports (preloaded, so they load alongside it rather than after it) and
 * its CSS.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The client entry's module id, the key of its record in the manifest. */
export const CLIENT_ENTRY_ID = "virtual:livetsx/client";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** The built client, as the page links it. */
export interface ClientAssets {
  /** The entry script's URL: `/assets/client-<hash>.js`. */
  script: string;
  /** Chunks the entry imports statically, in load order. */
  preloads: string[];
  /** Style sheets of the entry and its chunks. */
  styles: string[];
}

/**
 * Reads the manifest in `clientDir` and finds the client entry.
 * @throws with what to do when the manifest or the entry is missing (the build did not run, or
 * `clientDir` is not its client output).
 */
export function readClientAssets(clientDir: string, base = "/"): ClientAssets {
  const file = join(clientDir, ".vite", "manifest.json");
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, ManifestChunk>;
  } catch (error) {
    throw new Error(`cannot read the client manifest ${file} (${(error as Error).message}): run \`vite build\` first.`);
  }
  // The key of a virtual module is its id made relative to the root from the working directory
  // of the build (`../virtual:livetsx/client` when the build ran in a parent folder).
  const entry = Object.entries(manifest).find(([key, c]) => c.isEntry && (key === CLIENT_ENTRY_ID || key.endsWith(`/${CLIENT_ENTRY_ID}`)))?.[1];
  if (!entry) throw new Error(`the client manifest ${file} has no entry for ${CLIENT_ENTRY_ID}: was it built with livetsx()?`);
  const preloads: string[] = [];
  const styles = new Set<string>(entry.css ?? []);
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    preloads.push(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of entry.imports ?? []) visit(key);
  const url = (path: string) => base + path;
  return { script: url(entry.file), preloads: preloads.map(url), styles: [...styles].map(url) };
}

/** The tags the page's head gets for the assets beside its client script. */
export function headTags(assets: ClientAssets): string {
  return (
    assets.styles.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join("") +
    assets.preloads.map((href) => `<link rel="modulepreload" href="${escapeAttribute(href)}">`).join("")
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
