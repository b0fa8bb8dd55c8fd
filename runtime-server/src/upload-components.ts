/**
 * The components of uploads: `<LiveFileInput upload={uploads.avatar} />`, the file input both
 * clients track (its `data-phx-*-refs` attributes tell them which entries the server holds,
 * which were preflighted, which are done and which have errors), and
 * `<LiveImgPreview entry={entry} />`, an image the client fills with the selected file before it
 * is uploaded. `phx-drop-target={uploads.avatar.ref}` on any element makes it take dropped files.
 */
import { attrs } from "./attributes.js";
import { raw, type Safe } from "./escape.js";
import type { UploadConfig, UploadEntry } from "./upload.js";

export interface LiveFileInputProps {
  /** The config: `uploads.avatar`. */
  upload: UploadConfig;
  /** Overrides the config's `accept`. */
  accept?: string;
  [attribute: string]: unknown;
}

export function LiveFileInput({ upload, accept, ...rest }: LiveFileInputProps): Safe {
  if (!upload || typeof upload !== "object" || typeof upload.ref !== "string") {
    throw new TypeError("<LiveFileInput> needs an upload: <LiveFileInput upload={uploads.avatar} />");
  }
  const refs = (entries: readonly UploadEntry[]) => entries.map((e) => e.ref).join(",");
  const errorRefs = [...new Set(upload.errors.map(([ref]) => ref))].join(",");
  const attributes: Record<string, unknown> = {
    id: upload.ref,
    type: "file",
    name: upload.name,
    accept: accept ?? (upload.accept === "any" ? undefined : upload.accept.join(",")),
    "data-phx-hook": "Phoenix.LiveFileUpload",
    "data-phx-upload-ref": upload.ref,
    "data-phx-active-refs": refs(upload.entries),
    "data-phx-done-refs": refs(upload.entries.filter((e) => e.done)),
    "data-phx-preflighted-refs": refs(upload.entries.filter((e) => e.preflighted)),
    "data-phx-error-refs": upload.errors.length > 0 ? errorRefs : undefined,
    "data-phx-auto-upload": upload.autoUpload,
    ...(upload.maxEntries > 1 ? { multiple: true } : null),
    ...rest,
  };
  return raw(`<input${attrs(attributes).html}>`);
}

export interface LiveImgPreviewProps {
  entry: UploadEntry;
  /** @default `phx-preview-<entry ref>`; give another to show one entry twice. */
  id?: string;
  alt?: string;
  width?: string | number;
  height?: string | number;
  [attribute: string]: unknown;
}

export function LiveImgPreview({ entry, id, ...rest }: LiveImgPreviewProps): Safe {
  if (!entry || typeof entry !== "object" || typeof entry.ref !== "string") {
    throw new TypeError("<LiveImgPreview> needs an entry: <LiveImgPreview entry={entry} />");
  }
  const attributes: Record<string, unknown> = {
    id: id ?? `phx-preview-${entry.ref}`,
    "data-phx-upload-ref": entry.uploadRef,
    "data-phx-entry-ref": entry.ref,
    "data-phx-hook": "Phoenix.LiveImgPreview",
    "data-phx-update": "ignore",
    ...rest,
  };
  return raw(`<img${attrs(attributes).html}>`);
}
