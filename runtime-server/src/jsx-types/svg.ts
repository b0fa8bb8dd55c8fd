/**
 * SVG 2 elements and their attributes, with the names SVG markup uses (`viewBox`,
 * `stroke-width`, `xlink:href`). Every SVG element takes every attribute below, as Preact's and
 * Solid's types do: the presentation attributes apply to most elements, and a per-element split
 * would cost more than it finds. `<a>`, `<script>`, `<style>` and `<title>` are typed as HTML's.
 */
import type { AriaAttributes, AriaRole } from "./aria.js";
import type { PhxBindings } from "./bindings.js";
import type { AttrBoolean, AttrEnum, AttrNumber, AttrString, AttrURL, ClassValue, DataAttributes, StyleValue } from "./html.js";

type Paint = AttrString;
type Length = AttrNumber | AttrString;

/** SVG's core, styling and presentation attributes, and the geometry of its shapes. */
export interface SVGAttributes extends AriaAttributes, DataAttributes, PhxBindings {
  children?: unknown;
  /** Keys a list entry (not rendered). */
  key?: string | number | bigint | null | undefined;
  // Core and styling.
  class?: ClassValue;
  id?: AttrString;
  lang?: AttrString;
  role?: AttrEnum<AriaRole>;
  style?: StyleValue;
  tabindex?: AttrNumber;
  xmlns?: AttrString;
  "xmlns:xlink"?: AttrString;
  "xml:lang"?: AttrString;
  "xml:space"?: AttrEnum<"default" | "preserve">;
  autofocus?: AttrBoolean;
  // Links and references.
  href?: AttrURL;
  "xlink:href"?: AttrURL;
  "xlink:title"?: AttrString;
  target?: AttrString;
  // Presentation attributes.
  "alignment-baseline"?: AttrString;
  "baseline-shift"?: Length;
  "clip-path"?: AttrString;
  "clip-rule"?: AttrEnum<"nonzero" | "evenodd" | "inherit">;
  color?: Paint;
  "color-interpolation"?: AttrString;
  "color-interpolation-filters"?: AttrString;
  cursor?: AttrString;
  direction?: AttrEnum<"ltr" | "rtl">;
  display?: AttrString;
  "dominant-baseline"?: AttrString;
  fill?: Paint;
  "fill-opacity"?: AttrNumber | AttrString;
  "fill-rule"?: AttrEnum<"nonzero" | "evenodd" | "inherit">;
  filter?: AttrString;
  "flood-color"?: Paint;
  "flood-opacity"?: AttrNumber | AttrString;
  "font-family"?: AttrString;
  "font-size"?: Length;
  "font-size-adjust"?: AttrNumber | AttrString;
  "font-stretch"?: AttrString;
  "font-style"?: AttrString;
  "font-variant"?: AttrString;
  "font-weight"?: AttrNumber | AttrString;
  "image-rendering"?: AttrString;
  "letter-spacing"?: Length;
  "lighting-color"?: Paint;
  "marker-end"?: AttrString;
  "marker-mid"?: AttrString;
  "marker-start"?: AttrString;
  mask?: AttrString;
  opacity?: AttrNumber | AttrString;
  overflow?: AttrString;
  "paint-order"?: AttrString;
  "pointer-events"?: AttrString;
  "shape-rendering"?: AttrEnum<"auto" | "optimizeSpeed" | "crispEdges" | "geometricPrecision" | "inherit">;
  "stop-color"?: Paint;
  "stop-opacity"?: AttrNumber | AttrString;
  stroke?: Paint;
  "stroke-dasharray"?: Length;
  "stroke-dashoffset"?: Length;
  "stroke-linecap"?: AttrEnum<"butt" | "round" | "square" | "inherit">;
  "stroke-linejoin"?: AttrEnum<"arcs" | "bevel" | "miter" | "miter-clip" | "round" | "inherit">;
  "stroke-miterlimit"?: AttrNumber | AttrString;
  "stroke-opacity"?: AttrNumber | AttrString;
  "stroke-width"?: Length;
  "text-anchor"?: AttrEnum<"start" | "middle" | "end" | "inherit">;
  "text-decoration"?: AttrString;
  "text-rendering"?: AttrString;
  transform?: AttrString;
  "transform-origin"?: AttrString;
  "unicode-bidi"?: AttrString;
  "vector-effect"?: AttrString;
  visibility?: AttrEnum<"visible" | "hidden" | "collapse" | "inherit">;
  "word-spacing"?: Length;
  "writing-mode"?: AttrString;
  // Viewports and geometry.
  viewBox?: AttrString;
  preserveAspectRatio?: AttrString;
  x?: Length;
  y?: Length;
  width?: Length;
  height?: Length;
  cx?: Length;
  cy?: Length;
  r?: Length;
  rx?: Length;
  ry?: Length;
  x1?: Length;
  x2?: Length;
  y1?: Length;
  y2?: Length;
  dx?: Length;
  dy?: Length;
  d?: AttrString;
  points?: AttrString;
  pathLength?: AttrNumber;
  rotate?: AttrString;
  textLength?: Length;
  lengthAdjust?: AttrEnum<"spacing" | "spacingAndGlyphs">;
  // Gradients, patterns, markers, clips, masks.
  gradientUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  gradientTransform?: AttrString;
  spreadMethod?: AttrEnum<"pad" | "reflect" | "repeat">;
  fx?: Length;
  fy?: Length;
  fr?: Length;
  offset?: AttrNumber | AttrString;
  patternUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  patternContentUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  patternTransform?: AttrString;
  markerWidth?: Length;
  markerHeight?: Length;
  markerUnits?: AttrEnum<"strokeWidth" | "userSpaceOnUse">;
  orient?: AttrString;
  refX?: Length;
  refY?: Length;
  clipPathUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  maskUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  maskContentUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  // Filters.
  filterUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  primitiveUnits?: AttrEnum<"userSpaceOnUse" | "objectBoundingBox">;
  in?: AttrString;
  in2?: AttrString;
  result?: AttrString;
  stdDeviation?: AttrNumber | AttrString;
  mode?: AttrString;
  operator?: AttrString;
  type?: AttrString;
  values?: AttrString;
  // Animation.
  attributeName?: AttrString;
  begin?: AttrString;
  dur?: AttrString;
  end?: AttrString;
  from?: AttrNumber | AttrString;
  to?: AttrNumber | AttrString;
  by?: AttrNumber | AttrString;
  repeatCount?: AttrNumber | AttrString;
  keyTimes?: AttrString;
  keySplines?: AttrString;
  calcMode?: AttrEnum<"discrete" | "linear" | "paced" | "spline">;
  additive?: AttrEnum<"replace" | "sum">;
  accumulate?: AttrEnum<"none" | "sum">;
  path?: AttrString;
  // Foreign objects and images.
  crossorigin?: AttrEnum<"anonymous" | "use-credentials" | ""> | true;
  decoding?: AttrEnum<"sync" | "async" | "auto">;
  requiredExtensions?: AttrString;
  systemLanguage?: AttrString;
}

/** Every SVG element by tag name (besides those HTML has too). */
export interface SVGElementTags {
  animate: SVGAttributes;
  animateMotion: SVGAttributes;
  animateTransform: SVGAttributes;
  circle: SVGAttributes;
  clipPath: SVGAttributes;
  defs: SVGAttributes;
  desc: SVGAttributes;
  ellipse: SVGAttributes;
  feBlend: SVGAttributes;
  feColorMatrix: SVGAttributes;
  feComponentTransfer: SVGAttributes;
  feComposite: SVGAttributes;
  feConvolveMatrix: SVGAttributes;
  feDiffuseLighting: SVGAttributes;
  feDisplacementMap: SVGAttributes;
  feDistantLight: SVGAttributes;
  feDropShadow: SVGAttributes;
  feFlood: SVGAttributes;
  feFuncA: SVGAttributes;
  feFuncB: SVGAttributes;
  feFuncG: SVGAttributes;
  feFuncR: SVGAttributes;
  feGaussianBlur: SVGAttributes;
  feImage: SVGAttributes;
  feMerge: SVGAttributes;
  feMergeNode: SVGAttributes;
  feMorphology: SVGAttributes;
  feOffset: SVGAttributes;
  fePointLight: SVGAttributes;
  feSpecularLighting: SVGAttributes;
  feSpotLight: SVGAttributes;
  feTile: SVGAttributes;
  feTurbulence: SVGAttributes;
  filter: SVGAttributes;
  foreignObject: SVGAttributes;
  g: SVGAttributes;
  image: SVGAttributes;
  line: SVGAttributes;
  linearGradient: SVGAttributes;
  marker: SVGAttributes;
  mask: SVGAttributes;
  metadata: SVGAttributes;
  mpath: SVGAttributes;
  path: SVGAttributes;
  pattern: SVGAttributes;
  polygon: SVGAttributes;
  polyline: SVGAttributes;
  radialGradient: SVGAttributes;
  rect: SVGAttributes;
  set: SVGAttributes;
  stop: SVGAttributes;
  svg: SVGAttributes;
  switch: SVGAttributes;
  symbol: SVGAttributes;
  text: SVGAttributes;
  textPath: SVGAttributes;
  tspan: SVGAttributes;
  use: SVGAttributes;
  view: SVGAttributes;
}
