/** Elements that have no end tag and can hold no children. */
export const VOID_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
]);

/** React's attribute spellings that HTML spells otherwise. */
export const RENAMED_ATTRIBUTES: Readonly<Record<string, string>> = { className: "class", htmlFor: "for" };

/**
 * JSX text as React and Babel render it: lines trimmed where they meet a line break, blank
 * lines dropped, the rest joined by one space. Text on a single line keeps its spaces.
 */
export function cleanJSXText(text: string): string {
  if (!/[\n\r]/.test(text)) return text.includes("\t") ? text.replace(/\t/g, " ") : text;
  const lines = text.split(/\r\n|\n|\r/);
  let lastNonEmpty = 0;
  for (let i = 0; i < lines.length; i++) if (/[^ \t]/.test(lines[i]!)) lastNonEmpty = i;
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/\t/g, " ");
    if (i !== 0) line = line.replace(/^[ ]+/, "");
    if (i !== lines.length - 1) line = line.replace(/[ ]+$/, "");
    if (line) {
      if (i !== lastNonEmpty) line += " ";
      out += line;
    }
  }
  return out;
}

