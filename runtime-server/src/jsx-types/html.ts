/**
 * HTML elements and their attributes, as the HTML Living Standard lists them (its index of
 * elements and of attributes), with the names HTML uses: `class`, `for`, `tabindex`, not React's
 * `className`/`htmlFor`/`tabIndex`.
 *
 * Values are what the server renders: a string or a number is written as it is, `true` writes
 * a bare boolean attribute, `false`, `null` and `undefined` leave the attribute out.
 */
import type * as CSS from "csstype";
import type { AriaAttributes, AriaRole } from "./aria.js";
import type { PhxBindings } from "./bindings.js";
import type { TrustedURL } from "../url.js";

type Maybe<T> = T | null | undefined;
/** Any string, while editors still offer the literals of the union it is part of. */
type AnyString = string & {};

/** A text attribute; `false` leaves it out, so `title={error && message}` works. */
export type AttrString = Maybe<string | number | bigint | false>;
/** A number attribute (a numeric string as well). */
export type AttrNumber = Maybe<number | `${number}` | false>;
/** A boolean attribute: present when true. */
export type AttrBoolean = Maybe<boolean | "">;
/** A URL attribute; `trustedURL(url)` lets a `javascript:` URL through (see `url.ts`). */
export type AttrURL = Maybe<string | TrustedURL | false>;
/** One of the attribute's keywords. */
export type AttrEnum<T extends string> = Maybe<T | false>;

/**
 * A `class` value: a string, or a list or an object of names as `clsx` takes them
 * (`["btn", active && "on"]`, `{ on: active }`), nested as deep as you like.
 */
export type ClassValue = Maybe<string | false | 0 | ClassList | ClassObject>;
export interface ClassList extends ReadonlyArray<ClassValue | boolean> {}
/** Names whose value is truthy are in the list. */
export interface ClassObject {
  readonly [name: string]: unknown;
}

type CSSValue<V> = V | null | undefined | false;
/**
 * A `style` object: CSS properties in camelCase (`fontSize`) or kebab-case (`"font-size"`),
 * typed by `csstype`, and custom properties (`"--accent"`). A number gets `px` unless the
 * property is unitless (`opacity`, `zIndex`, `lineHeight`, …); `null` and `false` leave the
 * declaration out.
 */
export type StyleObject = { [P in keyof CSS.Properties<string | number>]?: CSSValue<CSS.Properties<string | number>[P]> } & {
  [P in keyof CSS.PropertiesHyphen<string | number>]?: CSSValue<CSS.PropertiesHyphen<string | number>[P]>;
} & { [custom: `--${string}`]: CSSValue<string | number> };
/** A `style` value: declarations as a string, or a {@link StyleObject}. */
export type StyleValue = Maybe<string | false | StyleObject>;

/** `data-*` attributes: any value that renders. */
export interface DataAttributes {
  [data: `data-${string}`]: Maybe<string | number | bigint | boolean>;
}

type CrossOrigin = AttrEnum<"anonymous" | "use-credentials" | ""> | true;
type ReferrerPolicy = AttrEnum<
  | "" | "no-referrer" | "no-referrer-when-downgrade" | "origin" | "origin-when-cross-origin" | "same-origin"
  | "strict-origin" | "strict-origin-when-cross-origin" | "unsafe-url"
>;
type Target = AttrEnum<"_self" | "_blank" | "_parent" | "_top" | AnyString>;
type FetchPriority = AttrEnum<"high" | "low" | "auto">;
type FormMethod = AttrEnum<"get" | "post" | "dialog" | "GET" | "POST">;
type FormEnctype = AttrEnum<"application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain">;

/** Attributes every HTML element takes (the standard's global attributes). */
export interface HTMLAttributes extends AriaAttributes, DataAttributes, PhxBindings {
  /** An element's content; what renders: JSX, strings, numbers, lists, nothing. */
  children?: unknown;
  /** Keys a list entry (not rendered). */
  key?: string | number | bigint | null | undefined;
  accesskey?: AttrString;
  autocapitalize?: AttrEnum<"off" | "none" | "on" | "sentences" | "words" | "characters">;
  autocorrect?: AttrEnum<"on" | "off">;
  autofocus?: AttrBoolean;
  class?: ClassValue;
  contenteditable?: AttrEnum<"true" | "false" | "plaintext-only" | ""> | boolean;
  dir?: AttrEnum<"ltr" | "rtl" | "auto">;
  draggable?: AttrEnum<"true" | "false">;
  enterkeyhint?: AttrEnum<"enter" | "done" | "go" | "next" | "previous" | "search" | "send">;
  hidden?: AttrBoolean | "until-found" | "hidden";
  id?: AttrString;
  inert?: AttrBoolean;
  inputmode?: AttrEnum<"none" | "text" | "decimal" | "numeric" | "tel" | "search" | "email" | "url">;
  is?: AttrString;
  itemid?: AttrString;
  itemprop?: AttrString;
  itemref?: AttrString;
  itemscope?: AttrBoolean;
  itemtype?: AttrString;
  lang?: AttrString;
  nonce?: AttrString;
  part?: AttrString;
  popover?: AttrEnum<"auto" | "manual" | "hint" | ""> | true;
  role?: AttrEnum<AriaRole>;
  slot?: AttrString;
  spellcheck?: AttrEnum<"true" | "false" | ""> | true;
  style?: StyleValue;
  tabindex?: AttrNumber;
  title?: AttrString;
  translate?: AttrEnum<"yes" | "no" | "">;
  writingsuggestions?: AttrEnum<"true" | "false" | "">;
}

/** A void element (`<br>`, `<input>`): no content. */
export interface VoidHTMLAttributes extends HTMLAttributes {
  children?: never;
}

export interface AnchorHTMLAttributes extends HTMLAttributes {
  download?: AttrString | true;
  href?: AttrURL;
  hreflang?: AttrString;
  ping?: AttrString;
  referrerpolicy?: ReferrerPolicy;
  rel?: AttrString;
  target?: Target;
  type?: AttrString;
  /** Inside an `<svg>`, `<a>` is SVG's: its link (SVG 1.1's name for `href`). */
  "xlink:href"?: AttrURL;
}

export interface AreaHTMLAttributes extends VoidHTMLAttributes {
  alt?: AttrString;
  coords?: AttrString;
  download?: AttrString | true;
  href?: AttrURL;
  ping?: AttrString;
  referrerpolicy?: ReferrerPolicy;
  rel?: AttrString;
  shape?: AttrEnum<"circle" | "default" | "poly" | "rect">;
  target?: Target;
}

interface MediaHTMLAttributes extends HTMLAttributes {
  autoplay?: AttrBoolean;
  controls?: AttrBoolean;
  controlslist?: AttrString;
  crossorigin?: CrossOrigin;
  loop?: AttrBoolean;
  muted?: AttrBoolean;
  preload?: AttrEnum<"none" | "metadata" | "auto" | "">;
  src?: AttrURL;
}

export interface AudioHTMLAttributes extends MediaHTMLAttributes {}

export interface VideoHTMLAttributes extends MediaHTMLAttributes {
  height?: AttrNumber;
  playsinline?: AttrBoolean;
  poster?: AttrURL;
  width?: AttrNumber;
  disablepictureinpicture?: AttrBoolean;
  disableremoteplayback?: AttrBoolean;
}

export interface BaseHTMLAttributes extends VoidHTMLAttributes {
  href?: AttrURL;
  target?: Target;
}

export interface QuoteHTMLAttributes extends HTMLAttributes {
  cite?: AttrURL;
}

interface FormControlAttributes {
  disabled?: AttrBoolean;
  form?: AttrString;
  name?: AttrString;
}

interface FormSubmitterAttributes {
  formaction?: AttrURL;
  formenctype?: FormEnctype;
  formmethod?: FormMethod;
  formnovalidate?: AttrBoolean;
  formtarget?: Target;
  popovertarget?: AttrString;
  popovertargetaction?: AttrEnum<"toggle" | "show" | "hide">;
}

export interface ButtonHTMLAttributes extends HTMLAttributes, FormControlAttributes, FormSubmitterAttributes {
  command?: AttrString;
  commandfor?: AttrString;
  type?: AttrEnum<"submit" | "reset" | "button">;
  value?: AttrString;
}

export interface CanvasHTMLAttributes extends HTMLAttributes {
  height?: AttrNumber;
  width?: AttrNumber;
}

export interface ColHTMLAttributes extends VoidHTMLAttributes {
  span?: AttrNumber;
}

export interface ColgroupHTMLAttributes extends HTMLAttributes {
  span?: AttrNumber;
}

export interface DataHTMLAttributes extends HTMLAttributes {
  value?: AttrString;
}

export interface DetailsHTMLAttributes extends HTMLAttributes {
  name?: AttrString;
  open?: AttrBoolean;
}

export interface DialogHTMLAttributes extends HTMLAttributes {
  closedby?: AttrEnum<"any" | "closerequest" | "none">;
  open?: AttrBoolean;
}

export interface EmbedHTMLAttributes extends VoidHTMLAttributes {
  height?: AttrNumber;
  src?: AttrURL;
  type?: AttrString;
  width?: AttrNumber;
}

export interface FieldsetHTMLAttributes extends HTMLAttributes, FormControlAttributes {}

export interface FormHTMLAttributes extends HTMLAttributes {
  "accept-charset"?: AttrString;
  action?: AttrURL;
  autocomplete?: AttrEnum<"on" | "off">;
  enctype?: FormEnctype;
  method?: FormMethod;
  name?: AttrString;
  novalidate?: AttrBoolean;
  rel?: AttrString;
  target?: Target;
}

export interface HtmlHTMLAttributes extends HTMLAttributes {
  xmlns?: AttrString;
}

export interface IframeHTMLAttributes extends HTMLAttributes {
  allow?: AttrString;
  allowfullscreen?: AttrBoolean;
  height?: AttrNumber;
  loading?: AttrEnum<"eager" | "lazy">;
  name?: AttrString;
  referrerpolicy?: ReferrerPolicy;
  sandbox?: AttrString | true;
  src?: AttrURL;
  srcdoc?: AttrString;
  width?: AttrNumber;
}

export interface ImgHTMLAttributes extends VoidHTMLAttributes {
  alt?: AttrString;
  crossorigin?: CrossOrigin;
  decoding?: AttrEnum<"sync" | "async" | "auto">;
  fetchpriority?: FetchPriority;
  height?: AttrNumber;
  ismap?: AttrBoolean;
  loading?: AttrEnum<"eager" | "lazy">;
  referrerpolicy?: ReferrerPolicy;
  sizes?: AttrString;
  src?: AttrURL;
  srcset?: AttrString;
  usemap?: AttrString;
  width?: AttrNumber;
}

/** The kinds of `<input>`. */
export type InputType =
  | "button" | "checkbox" | "color" | "date" | "datetime-local" | "email" | "file" | "hidden" | "image"
  | "month" | "number" | "password" | "radio" | "range" | "reset" | "search" | "submit" | "tel" | "text"
  | "time" | "url" | "week";

export interface InputHTMLAttributes extends VoidHTMLAttributes, FormControlAttributes, FormSubmitterAttributes {
  accept?: AttrString;
  alt?: AttrString;
  autocomplete?: AttrString;
  capture?: AttrEnum<"user" | "environment"> | true;
  checked?: AttrBoolean;
  dirname?: AttrString;
  height?: AttrNumber;
  list?: AttrString;
  max?: AttrString;
  maxlength?: AttrNumber;
  min?: AttrString;
  minlength?: AttrNumber;
  multiple?: AttrBoolean;
  pattern?: AttrString;
  placeholder?: AttrString;
  readonly?: AttrBoolean;
  required?: AttrBoolean;
  size?: AttrNumber;
  src?: AttrURL;
  step?: AttrNumber | "any";
  type?: AttrEnum<InputType>;
  value?: AttrString;
  width?: AttrNumber;
}

export interface LabelHTMLAttributes extends HTMLAttributes {
  for?: AttrString;
}

export interface LiHTMLAttributes extends HTMLAttributes {
  value?: AttrNumber;
}

export interface LinkHTMLAttributes extends VoidHTMLAttributes {
  as?: AttrString;
  blocking?: AttrString;
  color?: AttrString;
  crossorigin?: CrossOrigin;
  disabled?: AttrBoolean;
  fetchpriority?: FetchPriority;
  href?: AttrURL;
  hreflang?: AttrString;
  imagesizes?: AttrString;
  imagesrcset?: AttrString;
  integrity?: AttrString;
  media?: AttrString;
  referrerpolicy?: ReferrerPolicy;
  rel?: AttrString;
  sizes?: AttrString;
  type?: AttrString;
}

export interface MapHTMLAttributes extends HTMLAttributes {
  name?: AttrString;
}

export interface MetaHTMLAttributes extends VoidHTMLAttributes {
  charset?: AttrString;
  content?: AttrString;
  "http-equiv"?: AttrString;
  media?: AttrString;
  name?: AttrString;
}

export interface MeterHTMLAttributes extends HTMLAttributes {
  high?: AttrNumber;
  low?: AttrNumber;
  max?: AttrNumber;
  min?: AttrNumber;
  optimum?: AttrNumber;
  value?: AttrNumber;
}

export interface ModHTMLAttributes extends HTMLAttributes {
  cite?: AttrURL;
  datetime?: AttrString;
}

export interface ObjectHTMLAttributes extends HTMLAttributes {
  data?: AttrURL;
  form?: AttrString;
  height?: AttrNumber;
  name?: AttrString;
  type?: AttrString;
  width?: AttrNumber;
}

export interface OlHTMLAttributes extends HTMLAttributes {
  reversed?: AttrBoolean;
  start?: AttrNumber;
  type?: AttrEnum<"1" | "a" | "A" | "i" | "I">;
}

export interface OptgroupHTMLAttributes extends HTMLAttributes {
  disabled?: AttrBoolean;
  label?: AttrString;
}

export interface OptionHTMLAttributes extends HTMLAttributes {
  disabled?: AttrBoolean;
  label?: AttrString;
  selected?: AttrBoolean;
  value?: AttrString;
}

export interface OutputHTMLAttributes extends HTMLAttributes {
  for?: AttrString;
  form?: AttrString;
  name?: AttrString;
}

export interface ProgressHTMLAttributes extends HTMLAttributes {
  max?: AttrNumber;
  value?: AttrNumber;
}

export interface ScriptHTMLAttributes extends HTMLAttributes {
  async?: AttrBoolean;
  blocking?: AttrString;
  crossorigin?: CrossOrigin;
  defer?: AttrBoolean;
  fetchpriority?: FetchPriority;
  integrity?: AttrString;
  nomodule?: AttrBoolean;
  referrerpolicy?: ReferrerPolicy;
  src?: AttrURL;
  type?: AttrString;
}

export interface SelectHTMLAttributes extends HTMLAttributes, FormControlAttributes {
  autocomplete?: AttrString;
  multiple?: AttrBoolean;
  required?: AttrBoolean;
  size?: AttrNumber;
}

export interface SlotHTMLAttributes extends HTMLAttributes {
  name?: AttrString;
}

export interface SourceHTMLAttributes extends VoidHTMLAttributes {
  height?: AttrNumber;
  media?: AttrString;
  sizes?: AttrString;
  src?: AttrURL;
  srcset?: AttrString;
  type?: AttrString;
  width?: AttrNumber;
}

export interface StyleHTMLAttributes extends HTMLAttributes {
  blocking?: AttrString;
  media?: AttrString;
}

export interface TdHTMLAttributes extends HTMLAttributes {
  colspan?: AttrNumber;
  headers?: AttrString;
  rowspan?: AttrNumber;
}

export interface ThHTMLAttributes extends TdHTMLAttributes {
  abbr?: AttrString;
  scope?: AttrEnum<"row" | "col" | "rowgroup" | "colgroup">;
}

export interface TemplateHTMLAttributes extends HTMLAttributes {
  shadowrootclonable?: AttrBoolean;
  shadowrootdelegatesfocus?: AttrBoolean;
  shadowrootmode?: AttrEnum<"open" | "closed">;
  shadowrootserializable?: AttrBoolean;
}

export interface TextareaHTMLAttributes extends HTMLAttributes, FormControlAttributes {
  autocomplete?: AttrString;
  cols?: AttrNumber;
  dirname?: AttrString;
  maxlength?: AttrNumber;
  minlength?: AttrNumber;
  placeholder?: AttrString;
  readonly?: AttrBoolean;
  required?: AttrBoolean;
  rows?: AttrNumber;
  wrap?: AttrEnum<"soft" | "hard">;
}

export interface TimeHTMLAttributes extends HTMLAttributes {
  datetime?: AttrString;
}

export interface TrackHTMLAttributes extends VoidHTMLAttributes {
  default?: AttrBoolean;
  kind?: AttrEnum<"subtitles" | "captions" | "descriptions" | "chapters" | "metadata">;
  label?: AttrString;
  src?: AttrURL;
  srclang?: AttrString;
}

/** Every HTML element by tag name. */
export interface HTMLElementTags {
  a: AnchorHTMLAttributes;
  abbr: HTMLAttributes;
  address: HTMLAttributes;
  area: AreaHTMLAttributes;
  article: HTMLAttributes;
  aside: HTMLAttributes;
  audio: AudioHTMLAttributes;
  b: HTMLAttributes;
  base: BaseHTMLAttributes;
  bdi: HTMLAttributes;
  bdo: HTMLAttributes;
  blockquote: QuoteHTMLAttributes;
  body: HTMLAttributes;
  br: VoidHTMLAttributes;
  button: ButtonHTMLAttributes;
  canvas: CanvasHTMLAttributes;
  caption: HTMLAttributes;
  cite: HTMLAttributes;
  code: HTMLAttributes;
  col: ColHTMLAttributes;
  colgroup: ColgroupHTMLAttributes;
  data: DataHTMLAttributes;
  datalist: HTMLAttributes;
  dd: HTMLAttributes;
  del: ModHTMLAttributes;
  details: DetailsHTMLAttributes;
  dfn: HTMLAttributes;
  dialog: DialogHTMLAttributes;
  div: HTMLAttributes;
  dl: HTMLAttributes;
  dt: HTMLAttributes;
  em: HTMLAttributes;
  embed: EmbedHTMLAttributes;
  fieldset: FieldsetHTMLAttributes;
  figcaption: HTMLAttributes;
  figure: HTMLAttributes;
  footer: HTMLAttributes;
  form: FormHTMLAttributes;
  h1: HTMLAttributes;
  h2: HTMLAttributes;
  h3: HTMLAttributes;
  h4: HTMLAttributes;
  h5: HTMLAttributes;
  h6: HTMLAttributes;
  head: HTMLAttributes;
  header: HTMLAttributes;
  hgroup: HTMLAttributes;
  hr: VoidHTMLAttributes;
  html: HtmlHTMLAttributes;
  i: HTMLAttributes;
  iframe: IframeHTMLAttributes;
  img: ImgHTMLAttributes;
  input: InputHTMLAttributes;
  ins: ModHTMLAttributes;
  kbd: HTMLAttributes;
  label: LabelHTMLAttributes;
  legend: HTMLAttributes;
  li: LiHTMLAttributes;
  link: LinkHTMLAttributes;
  main: HTMLAttributes;
  map: MapHTMLAttributes;
  mark: HTMLAttributes;
  menu: HTMLAttributes;
  meta: MetaHTMLAttributes;
  meter: MeterHTMLAttributes;
  nav: HTMLAttributes;
  noscript: HTMLAttributes;
  object: ObjectHTMLAttributes;
  ol: OlHTMLAttributes;
  optgroup: OptgroupHTMLAttributes;
  option: OptionHTMLAttributes;
  output: OutputHTMLAttributes;
  p: HTMLAttributes;
  picture: HTMLAttributes;
  pre: HTMLAttributes;
  progress: ProgressHTMLAttributes;
  q: QuoteHTMLAttributes;
  rp: HTMLAttributes;
  rt: HTMLAttributes;
  ruby: HTMLAttributes;
  s: HTMLAttributes;
  samp: HTMLAttributes;
  script: ScriptHTMLAttributes;
  search: HTMLAttributes;
  section: HTMLAttributes;
  select: SelectHTMLAttributes;
  slot: SlotHTMLAttributes;
  small: HTMLAttributes;
  source: SourceHTMLAttributes;
  span: HTMLAttributes;
  strong: HTMLAttributes;
  style: StyleHTMLAttributes;
  sub: HTMLAttributes;
  summary: HTMLAttributes;
  sup: HTMLAttributes;
  table: HTMLAttributes;
  tbody: HTMLAttributes;
  td: TdHTMLAttributes;
  template: TemplateHTMLAttributes;
  textarea: TextareaHTMLAttributes;
  tfoot: HTMLAttributes;
  th: ThHTMLAttributes;
  thead: HTMLAttributes;
  time: TimeHTMLAttributes;
  title: HTMLAttributes;
  tr: HTMLAttributes;
  track: TrackHTMLAttributes;
  u: HTMLAttributes;
  ul: HTMLAttributes;
  var: HTMLAttributes;
  video: VideoHTMLAttributes;
  wbr: VoidHTMLAttributes;
}
