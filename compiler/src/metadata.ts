import type { TemplateIR } from "./phases/2-analyze/ir.js";

/** One slot as the metadata shows it: its code, its deps, and why it is always evaluated. */
export interface SlotMetadata {
  kind: string;
  code: string;
  /** Sorted assign paths, or `"*"` when the slot is evaluated on every render. */
  deps: string[] | "*";
  reason?: string;
  /** Imported functions the deps hold for only if their module marked them pure. */
  requires?: string[];
  /** For a component slot: each prop's deps. */
  props?: Record<string, string[] | "*">;
}

export interface TemplateMetadata {
  id: string;
  fingerprint: string;
  statics: string[];
  root: boolean;
  line: number;
  column: number;
  bindings?: Record<string, (string | number)[]>;
  /** Outer deps read only in comparisons with an item path (`selected` → `@row.id`). */
  selects?: Record<string, string>;
  slots: SlotMetadata[];
}

export interface CompileMetadata {
  templates: TemplateMetadata[];
}

export function templateMetadata(ir: TemplateIR): TemplateMetadata {
  return {
    id: ir.id,
    fingerprint: ir.fingerprint,
    statics: ir.statics,
    root: ir.root,
    line: ir.line,
    column: ir.column,
    ...(ir.bindings ? { bindings: ir.bindings } : {}),
    ...(ir.selects ? { selects: ir.selects } : {}),
    slots: ir.slots.map((slot) => {
      const list = slot.deps.list();
      const out: SlotMetadata = { kind: slot.kind, code: slot.code, deps: list ?? "*" };
      if (list === null) out.reason = slot.deps.dirty!;
      else if (slot.deps.requires.size > 0) out.requires = [...slot.deps.requires].sort();
      if (slot.props) {
        out.props = Object.fromEntries(Object.entries(slot.props).map(([k, d]) => [k, d.list() ?? "*"]));
      }
      return out;
    }),
  };
}
