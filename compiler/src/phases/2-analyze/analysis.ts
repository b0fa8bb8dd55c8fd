/**
 * Analysis: finds every JSX tree, decides its statics and the deps of each slot, and records how
 * the transform replaces it. Nothing in the AST changes here.
 */
import { types as t, type NodePath } from "@babel/core";
import { fingerprint } from "../../shared/fingerprint.js";
import { diagnostic, type Diagnostic, type DiagnosticCode } from "../../diagnostics.js";
import { Deps, DepsAnalyzer, patternIdentifiers, type Tracking } from "./deps.js";
import { patternAccess } from "./patterns.js";
import { ModuleFacts } from "./module-facts.js";
import { MUTATING_METHOD_COPIES } from "./purity.js";
import { TemplateBuilder } from "./builder.js";
import { hasDescendant } from "../../shared/walk.js";
import type { TemplateIR } from "./ir.js";
import { viewEventsFor, type ViewEvents } from "./events.js";
import { visitElement, isComponent } from "./visitors/JSXElement.js";
import { hasContent, visitChildren } from "./visitors/JSXChildren.js";
import { componentSlot, componentCall } from "./visitors/Component.js";
import { isComprehension, visitComprehension } from "./visitors/Comprehension.js";

/** Where a template is being built: which region's deps, which scope variable, which view. */
export interface BuildContext {
  readonly analysis: Analysis;
  readonly deps: DepsAnalyzer;
  /** `_scope$` in a region, `_entry$` in a list entry, null when nothing is tracked. */
  readonly scope: string | null;
  readonly events: ViewEvents | null;
  /** The region whose `_scope$` this context reads. */
  readonly region: RegionIR | null;
}

/** A function whose JSX became templates: the transform gives it a scope variable. */
export interface RegionIR {
  fn: NodePath<t.Function>;
  /** Whether some rendered() call in it reads `_scope$`. */
  usesScope: boolean;
}

export interface Replacement {
  path: NodePath;
  build: () => t.Expression;
}

export const SCOPE = "_scope$";
export const ENTRY = "_entry$";

export class Analysis {
  readonly templates: TemplateIR[] = [];
  readonly replacements: Replacement[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly regions = new Map<t.Function, RegionIR>();
  /** List callbacks turned into entry functions. */
  readonly callbacks = new Set<t.Function>();
  readonly tracking: Tracking = {
    params: new Map(),
    loops: new Map(),
    isRegion: (fn) => this.isRegion(fn),
    reportMutation: (node, what, copy) => this.reportMutation(node, what, copy),
  };
  readonly facts: ModuleFacts;
  private readonly mutationsReported = new WeakSet<t.Node>();
  private readonly scanned = new WeakSet<t.Function>();
  private readonly regionCache = new WeakMap<t.Function, boolean>();
  private readonly analyzers = new Map<t.Function | null, DepsAnalyzer>();
  private readonly done = new WeakMap<t.Node, Deps>();

  constructor(
    readonly program: NodePath<t.Program>,
    readonly source: string,
    readonly filename: string,
  ) {
    this.facts = new ModuleFacts(source);
  }

  /**
   * Builds the template of a JSX tree met by the traversal. Nested JSX in its slots is built with
   * it; JSX inside a nested function is met later, as a root of its own.
   */
  processRoot(root: NodePath<t.JSXElement | t.JSXFragment>): void {
    if (this.done.has(root.node)) return;
    const ctx = this.contextFor(root);
    const deps = new Deps();
    if (isComponent(root)) {
      // A function returning a component still returns a Rendered: wrap it.
      const ir = this.allocate(root, ctx);
      const b = new TemplateBuilder();
      b.slot(componentSlot(root as NodePath<t.JSXElement>, ctx));
      this.finish(ir, b, false);
      this.replace(root, ir, deps);
    } else {
      this.nested(root, ctx, deps);
    }
  }

  /** Builds the template of a JSX node inside an expression and schedules its replacement. */
  nested(path: NodePath<t.JSXElement | t.JSXFragment>, ctx: BuildContext, acc: Deps, bindings?: TemplateIR["bindings"]): TemplateIR | null {
    const seen = this.done.get(path.node);
    if (seen) {
      acc.add(seen);
      return null;
    }
    if (isComponent(path)) {
      const deps = new Deps();
      const call = componentCall(path as NodePath<t.JSXElement>, ctx, deps);
      this.done.set(path.node, deps);
      this.replacements.push({ path, build: call });
      acc.add(deps);
      return null;
    }
    const ir = this.build(path, ctx, bindings);
    this.replace(path, ir, acc);
    return ir;
  }

  /** Builds a template from an element or fragment. */
  build(path: NodePath<t.JSXElement | t.JSXFragment>, ctx: BuildContext, bindings?: TemplateIR["bindings"]): TemplateIR {
    const ir = this.allocate(path, ctx);
    if (bindings) ir.bindings = bindings;
    const b = new TemplateBuilder();
    if (path.isJSXElement()) visitElement(path, b, ctx);
    else visitChildren((path as NodePath<t.JSXFragment>).get("children"), b, ctx);
    this.finish(ir, b, path.isJSXElement());
    return ir;
  }

  /** A template of the given children alone (a component's children). */
  buildChildren(owner: NodePath<t.JSXElement>, ctx: BuildContext): TemplateIR {
    const ir = this.allocate(owner, ctx);
    const b = new TemplateBuilder();
    const children = owner.get("children");
    visitChildren(children, b, ctx);
    const content = children.filter(hasContent);
    this.finish(ir, b, content.length === 1 && content[0]!.isJSXElement() && !isComponent(content[0]!));
    return ir;
  }

  allocate(path: NodePath, ctx: BuildContext): TemplateIR {
    const loc = path.node.loc?.start ?? { line: 0, column: 0 };
    const ir: TemplateIR = {
      id: `_tmpl$${this.templates.length}`,
      statics: [],
      slots: [],
      root: false,
      fingerprint: "",
      line: loc.line,
      column: loc.column + 1,
      scope: ctx.scope,
      region: ctx.region,
    };
    this.templates.push(ir);
    return ir;
  }

  finish(ir: TemplateIR, b: TemplateBuilder, element: boolean): void {
    ir.statics = b.statics;
    ir.slots = b.slots;
    ir.root = element;
    ir.fingerprint = fingerprint(ir.statics, ir.slots.map((s) => s.kind).join(","));
  }

  private replace(path: NodePath, ir: TemplateIR, acc: Deps): void {
    const deps = templateDeps(ir);
    this.done.set(path.node, deps);
    this.replacements.push({ path, build: () => this.renderedCall(ir) });
    acc.add(deps);
  }

  /** Set by the transform: builds `rendered(_tmpl$N, [...], scope)`, optionally with given dynamics. */
  renderedCall: (ir: TemplateIR, dynamics?: t.Expression[]) => t.Expression = () => {
    throw new Error("renderedCall is set by the transform");
  };

  /** The context of JSX at `path`: the region or list entry it belongs to. */
  contextFor(path: NodePath): BuildContext {
    const fn = path.getFunctionParent() as NodePath<t.Function> | null;
    const events = viewEventsFor(path);
    if (fn && this.callbacks.has(fn.node)) {
      const owner = this.regionOf(fn);
      const region = owner ? this.setupRegion(owner) : null;
      return { analysis: this, deps: this.analyzerFor(owner), scope: ENTRY, events, region };
    }
    if (!fn) return { analysis: this, deps: this.analyzerFor(null), scope: null, events, region: null };
    const region = this.setupRegion(fn);
    this.scanMutations(fn);
    const scope = fn.node.params.length > 0 ? SCOPE : null;
    return { analysis: this, deps: this.analyzerFor(fn), scope, events, region };
  }

  /** The region a list callback belongs to: its nearest enclosing function that is not a callback. */
  private regionOf(fn: NodePath<t.Function>): NodePath<t.Function> | null {
    let cur: NodePath<t.Function> | null = fn;
    while (cur && this.callbacks.has(cur.node)) cur = cur.parentPath?.getFunctionParent() as NodePath<t.Function> | null;
    return cur;
  }

  private setupRegion(fn: NodePath<t.Function>): RegionIR {
    let region = this.regions.get(fn.node);
    if (region) return region;
    region = { fn, usesScope: false };
    this.regions.set(fn.node, region);
    const first = fn.get("params")[0];
    if (first) {
      for (const id of patternIdentifiers(first.node)) {
        const binding = fn.scope.getBinding(id.name);
        const access = patternAccess(first, id);
        if (!binding || !access) continue;
        this.tracking.params.set(binding, { access, base: "", region: fn.node });
      }
    }
    return region;
  }

  /**
   * A render that changes an assign in place (`items.sort()`) is an error: the change tracker
   * compares assigns between renders, and a changed assign would compare equal to itself.
   */
  private scanMutations(fn: NodePath<t.Function>): void {
    if (this.scanned.has(fn.node)) return;
    this.scanned.add(fn.node);
    const analyzer = this.analyzerFor(fn);
    // Most renders call no such method: a walk over the nodes finds out without paths.
    if (!hasDescendant(fn.node, isMutatingMethodCall)) return;
    fn.traverse({
      CallExpression: (p) => {
        const callee = p.node.callee;
        if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return;
        const method = callee.property.name;
        if (!Object.hasOwn(MUTATING_METHOD_COPIES, method)) return;
        let root: NodePath = p.get("callee.object") as NodePath;
        while (root.isMemberExpression()) root = root.get("object") as NodePath;
        if (!root.isIdentifier()) return;
        const binding = root.scope.getBinding(root.node.name);
        if (!binding || binding.scope.getFunctionParent()?.path.node !== fn.node && !this.tracking.params.has(binding)) return;
        if (analyzer.resolve(root).kind === "path") this.reportMutation(callee, this.code(callee), MUTATING_METHOD_COPIES[method] ?? null);
      },
    });
  }

  private readonly listLocals = new WeakMap<t.Node, Deps>();

  /** A list local's comprehension, built once (see `isListLocal`); false for any other init. */
  private listLocal(call: NodePath, acc: Deps): boolean {
    if (!call.isCallExpression() || !isComprehension(call) || !isListLocal(call)) return false;
    let deps = this.listLocals.get(call.node);
    if (!deps) {
      deps = new Deps();
      this.listLocals.set(call.node, deps);
      visitComprehension(call, deps, this.contextFor(call));
    }
    acc.add(deps);
    return true;
  }

  /**
   * The module's exported functions whose bodies read only their arguments: no assign path, no
   * mutable state, nothing unproven. Each with the imported functions it relies on.
   */
  pureExports(): { name: string; requires: string[] }[] {
    const out: { name: string; requires: string[] }[] = [];
    const analyzer = this.analyzerFor(null);
    const consider = (name: string) => {
      const binding = this.program.scope.getBinding(name);
      const fn = binding ? this.facts.functionOf(binding) : null;
      if (!fn) return;
      const deps = this.facts.functionDeps(fn, analyzer);
      if (deps.dirty === null && deps.paths.size === 0) out.push({ name, requires: [...deps.requires].sort() });
    };
    for (const statement of this.program.node.body) {
      if (statement.type !== "ExportNamedDeclaration" || statement.exportKind === "type") continue;
      const decl = statement.declaration;
      if (decl?.type === "FunctionDeclaration" && decl.id) consider(decl.id.name);
      else if (decl?.type === "VariableDeclaration") for (const d of decl.declarations) if (d.id.type === "Identifier") consider(d.id.name);
      for (const spec of statement.specifiers) if (spec.type === "ExportSpecifier" && !statement.source) consider(spec.local.name);
    }
    return out;
  }

  private reportMutation(node: t.Node, what: string, copy: string | null): void {
    if (this.mutationsReported.has(node)) return;
    this.mutationsReported.add(node);
    this.report("mutates-assign", { what, copy }, node);
  }

  /** A region is a function with JSX directly in it (not only inside nested functions). */
  isRegion(fn: t.Function): boolean {
    let known = this.regionCache.get(fn);
    if (known === undefined) {
      known = this.regions.has(fn) || containsJSX(fn.body);
      this.regionCache.set(fn, known);
    }
    return known;
  }

  analyzerFor(fn: NodePath<t.Function> | null): DepsAnalyzer {
    const key = fn?.node ?? null;
    let analyzer = this.analyzers.get(key);
    if (!analyzer) {
      if (fn) this.setupRegion(fn);
      analyzer = new DepsAnalyzer(fn, this.tracking, (f) => this.analyzerFor(f), (p, acc) => {
        this.nested(p, this.contextFor(p), acc);
      }, this.facts, (call, acc) => this.listLocal(call, acc));
      this.analyzers.set(key, analyzer);
    }
    return analyzer;
  }

  report<C extends DiagnosticCode>(code: C, params: Parameters<typeof diagnostic<C>>[1], node: t.Node): void {
    const loc = node.loc?.start ?? { line: 1, column: 0 };
    this.diagnostics.push(diagnostic(code, params, { filename: this.filename, source: this.source, loc }));
  }

  /** Where a node starts: 1-based line and column. */
  loc(node: t.Node): { line: number; column: number } {
    const start = node.loc?.start ?? { line: 0, column: 0 };
    return { line: start.line, column: start.column + 1 };
  }

  /** The source of a node, on one line and shortened, for the metadata. */
  code(node: t.Node): string {
    const text = node.start != null && node.end != null ? this.source.slice(node.start, node.end) : "";
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
  }
}

/** A template's deps: the union of its slots'. */
export function templateDeps(ir: TemplateIR): Deps {
  const deps = new Deps();
  for (const slot of ir.slots) deps.add(slot.deps);
  if (deps.dirty !== null) deps.dirty = "contains a slot that is always evaluated";
  return deps;
}

/** `x.sort()`, `a.b.push(…)`: a call of a method that changes its receiver (what `scanMutations` looks at). */
function isMutatingMethodCall(node: t.Node): boolean {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee;
  return callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && Object.hasOwn(MUTATING_METHOD_COPIES, callee.property.name);
}

function containsJSX(node: t.Node): boolean {
  if (node.type === "JSXElement" || node.type === "JSXFragment") return true;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const c of Array.isArray(child) ? child : [child]) {
      if (c && typeof (c as t.Node).type === "string" && !t.isFunction(c as t.Node) && containsJSX(c as t.Node)) return true;
    }
  }
  return false;
}

/**
 * Whether JSX starts a tree of its own: its nearest enclosing JSX-or-function is a function (or
 * none). A list callback in a value position inside JSX belongs to the enclosing tree.
 */
export function isRoot(path: NodePath): boolean {
  for (let p = path.parentPath; p; p = p.parentPath) {
    if (p.isJSXElement() || p.isJSXFragment()) return false;
    if (p.isFunction()) {
      const call = p.parentPath;
      if (!call?.isCallExpression() || p.key !== 0 || p.listKey !== "arguments" || !isComprehension(call)) return true;
      // A list local's entries are built with the slot that renders it.
      if (isListLocal(call)) return false;
      if (!inValuePosition(call)) return true;
      p = call;
    }
  }
  return true;
}

/**
 * `const rows = items.map((i) => <li key={i.id}>…</li>)` in a render, where `rows` is only ever
 * rendered (`{rows}`): the list stays a keyed comprehension, built when a slot reads `rows`.
 */
export function isListLocal(call: NodePath): boolean {
  const decl = call.parentPath;
  if (!decl?.isVariableDeclarator() || call.key !== "init" || decl.node.id.type !== "Identifier") return false;
  if (!decl.parentPath.isVariableDeclaration({ kind: "const" })) return false;
  const fn = decl.getFunctionParent();
  if (!fn) return false;
  const binding = decl.scope.getBinding(decl.node.id.name);
  if (!binding || binding.constantViolations.length > 0 || binding.referencePaths.length === 0) return false;
  return binding.referencePaths.every((r) => r.getFunctionParent()?.node === fn.node && inValuePosition(r) && isWithinJSX(r));
}

function isWithinJSX(path: NodePath): boolean {
  for (let p = path.parentPath; p; p = p.parentPath) {
    if (p.isJSXElement() || p.isJSXFragment()) return true;
    if (p.isFunction()) return false;
  }
  return false;
}

/** An expression whose value is rendered: inside `{…}` through branches, arrays and wrappers. */
function inValuePosition(path: NodePath): boolean {
  for (let p: NodePath = path; ; ) {
    const parent = p.parentPath;
    if (!parent) return false;
    if (parent.isJSXExpressionContainer()) return true;
    if (parent.isConditionalExpression() && p.key !== "test") p = parent;
    else if (parent.isLogicalExpression() || parent.isParenthesizedExpression() || parent.isArrayExpression()) p = parent;
    else if (parent.isSequenceExpression() && p.key === parent.node.expressions.length - 1) p = parent;
    else if (parent.isTSAsExpression() || parent.isTSSatisfiesExpression() || parent.isTSNonNullExpression()) p = parent;
    else return false;
  }
}
