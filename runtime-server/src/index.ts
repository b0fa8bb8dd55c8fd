export { raw, Safe, escapeHTML } from "./escape.js";
export { renderToString } from "./html.js";
export { defineView, type ViewDefinition } from "./view.js";
export {
  Rendered,
  Comprehension,
  ComponentCall,
  type Template,
  type TemplateOptions,
  type Scope,
  type Dep,
  type SlotDeps,
  type Bindings,
} from "./template.js";
