/**
 * Type tests for JSX elements, checked by `npm run typecheck` (tsconfig.test.json): every line
 * under `@ts-expect-error` must be a type error (tsc fails on an unused one), every other line
 * must compile. Never run, only type-checked.
 */
import { trustedURL, type HTMLAttributes, type JSCommand } from "@livetsx/server";

declare module "@livetsx/server" {
  interface CustomElements {
    "date-picker": HTMLAttributes & { value?: string; min?: string };
  }
}

declare const open: boolean;
declare const count: number;
declare const label: string | null;
declare const command: JSCommand;
declare const myself: number;

// ─── Tags ─────────────────────────────────────────────────────────────────────────────────

export const tags = [
  <div />,
  <section><h1>title</h1><p>text</p></section>,
  <svg viewBox="0 0 24 24"><circle cx="12" cy="12" r={10} fill="none" stroke="currentColor" stroke-width={2} /></svg>,
  <svg><a xlink:href="#x"><text x={1} y="2">t</text></a><use href="#handle" /></svg>,
  <date-picker value="2026-01-01" min="2020-01-01" class="picker" />,
  // @ts-expect-error: no such element
  <bogus />,
  // @ts-expect-error: a custom element must be declared in CustomElements
  <bogus-tag />,
  // @ts-expect-error: a typo of a known tag
  <buton />,
];

// ─── Attributes ───────────────────────────────────────────────────────────────────────────

export const attributes = [
  <a href="/x" target="_blank" rel="noopener">x</a>,
  <a href={trustedURL("javascript:void(0)")}>x</a>,
  <input type="email" name="email" value={label} required placeholder="you@example.com" maxlength={80} />,
  <input type="checkbox" checked={open} disabled={!open} />,
  <label for="email">Email</label>,
  <button type="submit" disabled>Go</button>,
  <td colspan={2} rowspan="3">cell</td>,
  <img src="/a.png" alt="" width={10} height="10" loading="lazy" />,
  <p title={open && "shown"} id={`p-${count}`} tabindex={-1} hidden={!open}>x</p>,
  <option value="a" selected={open}>a</option>,
  <details open={open}><summary>s</summary></details>,
  <form method="post" action="/save" novalidate>f</form>,
  // @ts-expect-error: no such attribute
  <a hreff="/x">x</a>,
  // @ts-expect-error: href is a URL, not a number
  <a href={1}>x</a>,
  // @ts-expect-error: React's name; HTML's is `class`
  <div className="x" />,
  // @ts-expect-error: React's name; HTML's is `for`
  <label htmlFor="x">x</label>,
  // @ts-expect-error: not an input type
  <input type="emial" />,
  // @ts-expect-error: a button's type is submit, reset or button
  <button type="link">x</button>,
  // @ts-expect-error: a boolean attribute takes a boolean
  <input disabled="false" />,
  // @ts-expect-error: draggable is "true" or "false": a bare `draggable` would not turn it on
  <div draggable />,
  // @ts-expect-error: an attribute of another element
  <div href="/x" />,
  // @ts-expect-error: a void element has no content
  <br>text</br>,
  // @ts-expect-error: React's event handler; bind an event instead
  <button onClick={() => {}}>x</button>,
];

// ─── class and style ──────────────────────────────────────────────────────────────────────

export const classes = [
  <div class="a b" />,
  <div class={["btn", open && "on", null, undefined, ["nested", { deep: open }]]} />,
  <div class={{ btn: true, on: open, off: count }} />,
  <div class={label} />,
  // @ts-expect-error: a number is no class
  <div class={123} />,
  // @ts-expect-error: true would render class="true"
  <div class={true} />,
];

export const styles = [
  <p style="color: red" />,
  <p style={{ color: "red", fontSize: 12, opacity: 0.5, zIndex: 10, display: open ? "none" : null }} />,
  <p style={{ "--accent": "#f06", "background-color": "var(--accent)", marginTop: open && 4 }} />,
  // @ts-expect-error: not a CSS property
  <p style={{ colour: "red" }} />,
  // csstype lets any string through for most properties (`display: "flexx"` compiles).
  // @ts-expect-error: a style is a string or an object
  <p style={12} />,
];

// ─── aria-* and data-* ────────────────────────────────────────────────────────────────────

export const aria = [
  <button aria-expanded={open} aria-controls="menu" aria-label="Menu" role="button" />,
  <div aria-live="polite" aria-hidden="true" data-id={count} data-open={open} data-label={label} />,
  // @ts-expect-error: aria-live is off, assertive or polite
  <div aria-live="loud" />,
  // @ts-expect-error: aria-expanded is a boolean
  <div aria-expanded="open" />,
  // Not checked: TypeScript checks no value of an undeclared attribute with a dash in its name.
  <div data-x={{ a: 1 }} phx-clik="typo" aria-lable="typo" />,
];

// ─── phx-* bindings ───────────────────────────────────────────────────────────────────────

export const bindings = [
  <button phx-click="inc" phx-value-id={count} phx-value-name="a" phx-target={myself} phx-disable-with="Saving…" />,
  <button phx-click={open ? "close" : "open"} phx-click-away="close" />,
  <button phx-click={command} phx-mounted={command} phx-remove={command} />,
  <button phx-click='[["push",{"event":"inc"}]]' />,
  <form phx-change="validate" phx-submit="save" phx-auto-recover="recover" phx-trigger-action={open} />,
  <input phx-blur="blurred" phx-focus="focused" phx-keydown="key" phx-keyup="key" phx-key="Enter" />,
  <input phx-debounce={300} />,
  <input phx-debounce="300" />,
  <input phx-debounce="blur" />,
  <input phx-debounce />,
  <input phx-throttle={500} phx-throttle-too-long-name-is-not-checked="by TypeScript" />,
  <div phx-window-keydown="key" phx-window-keyup="key" phx-window-blur="b" phx-window-focus="f" />,
  <ul phx-update="stream" phx-viewport-top="prev" phx-viewport-bottom="next" />,
  <div phx-update="ignore" phx-hook="Chart" id="chart" />,
  // @ts-expect-error: a debounce is milliseconds or "blur"
  <input phx-debounce="soon" />,
  // @ts-expect-error: a throttle is milliseconds
  <input phx-throttle="blur" />,
  // @ts-expect-error: phx-update is replace, stream or ignore
  <ul phx-update="append" />,
  // @ts-expect-error: an event is named by a string, not a number
  <button phx-click={1} />,
  // @ts-expect-error: no handler functions on the server
  <button phx-click={() => {}} />,
  // @ts-expect-error: a hook is named
  <div phx-hook={true} />,
];
