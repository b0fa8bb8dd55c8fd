/**
 * What several regression pages share: Elixir's `inspect` for the values the pages print,
 * Phoenix's `<.focus_wrap>` markup, inline stylesheets.
 */
import { raw } from "@livetsx/server";

/** An Elixir atom, for {@link inspect}: `atom("bar")` prints `:bar`. */
export class Atom {
  constructor(readonly name: string) {}
}

export function atom(name: string): Atom {
  return new Atom(name);
}

/**
 * Elixir's `inspect/1` for the values the pages print: `nil`, booleans, numbers, strings
 * (`"foo"`), atoms (`:bar`), lists (`["foo", "bar"]`) and maps (`%{"info" => "Hi"}`).
 */
export function inspect(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (value instanceof Atom) return `:${value.name}`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(inspect).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)} => ${inspect(v)}`);
    return `%{${entries.join(", ")}}`;
  }
  return String(value);
}

/**
 * Phoenix's `<.focus_wrap>`: a container with the `Phoenix.FocusWrap` hook between two
 * focusable guards that send Tab back into it.
 */
export function FocusWrap({ id, children, ...rest }: { id: string; children?: unknown; [attribute: string]: unknown }) {
  return (
    <div id={id} phx-hook="Phoenix.FocusWrap" {...rest}>
      <span id={`${id}-start`} tabindex="0" aria-hidden="true"></span>
      {children}
      <span id={`${id}-end`} tabindex="0" aria-hidden="true"></span>
    </div>
  );
}

/** An inline stylesheet written as it is. */
export function InlineStyle({ css }: { css: string }) {
  return <style>{raw(css)}</style>;
}
