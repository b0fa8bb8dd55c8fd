/**
 * Dependency analysis: which assign paths an expression reads.
 *
 * A dep is an assign path (`user.name`), or `@name…` for a path read through a list callback's
 * binding. Anything that cannot be proven (a reassigned `let`, the whole assigns object passed
 * on, a call on unknown state) makes the result dirty: the slot is evaluated on every render.
 * Never wrong; conservative only where it must be.
 */
import type { NodePath, types as t, Visitor } from "@babel/core";

type Binding = NonNullable<ReturnType<NodePath["scope"]["getBinding"]>>;

/** The deps of an expression, accumulated. */
export class Deps {
  readonly paths = new Set<string>();
  /** Why the deps cannot be proven; `null` when they can. */
  dirty: string | null = null;
  /** Reads a binding that is reassigned: its value must be taken when the render runs. */
  eager = false;

  add(other: Deps): this {
    for (const p of other.paths) this.paths.add(p);
    if (other.dirty !== null && this.dirty === null) this.dirty = other.dirty;
    if (other.eager) this.eager = true;
    return this;
  }

  addPath(path: string): this {
    this.paths.add(path);
    return this;
  }

  markDirty(reason: string): this {
    if (this.dirty === null) this.dirty = reason;
    return this;
  }

  /** Sorted deps for output, without paths their prefix already covers; `null` when dirty. */
  list(): string[] | null {
    if (this.dirty !== null) return null;
    const sorted = [...this.paths].sort();
    return sorted.filter((p) => !sorted.some((q) => q !== p && (p.startsWith(`${q}.`) || (q === "" && p !== ""))));
  }
}

/** What an identifier stands for, from the point of view of the template being built. */
type Ref =
  | { kind: "path"; path: string; whole: string | null } // whole: why using it whole is dirty
  | { kind: "deps"; deps: Deps }
  | { kind: "static" };

const STATIC: Ref = { kind: "static" };

/** Standard globals whose functions return the same result for the same arguments. */
const PURE_GLOBALS = new Set([
  "undefined", "NaN", "Infinity", "Math", "JSON", "Object", "Array", "String", "Number", "Boolean",
  "BigInt", "Symbol", "Date", "Intl", "Map", "Set", "WeakMap", "WeakSet", "RegExp", "Error",
  "TypeError", "RangeError", "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent",
  "decodeURIComponent", "encodeURI", "decodeURI", "Promise", "Reflect", "structuredClone",
  "Uint8Array", "ArrayBuffer", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "console",
]);

/** Members of pure globals that read a clock, a random source or the environment. */
const IMPURE_MEMBERS: Readonly<Record<string, ReadonlySet<string> | "*">> = {
  Math: new Set(["random"]),
  Date: new Set(["now"]),
  performance: "*",
  crypto: "*",
};

/** Methods that change the object they are called on. */
const MUTATING_METHODS = new Set([
  "push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set",
  "add", "delete", "clear", "assign", "defineProperty",
]);

/** Names the compiler generates; they are never user state. */
export function isGeneratedName(name: string): boolean {
  return name.startsWith("_$") || name.startsWith("_tmpl$") || name.endsWith("$") && name.startsWith("_");
}

/** Where a tracked function's parameters and a list callback's bindings point. */
export interface Tracking {
  /** Bindings of a region's tracked first parameter (`""` is the whole assigns object). */
  readonly params: Map<Binding, { path: string; region: t.Function }>;
  /** Bindings made by list callbacks (`@name`), with the region the list is in. */
  readonly loops: Map<Binding, { path: string; region: t.Function | null }>;
  /** Whether a function's JSX is compiled into templates tracked by its first parameter. */
  readonly isRegion: (fn: t.Function) => boolean;
}

/**
 * Resolves identifiers and collects the deps of expressions inside one region (a function whose
 * JSX becomes templates). Local bindings are analysed once and cached.
 */
export class DepsAnalyzer {
  private readonly locals = new Map<Binding, Deps>();
  private readonly inProgress = new Set<Binding>();

  constructor(
    readonly region: NodePath<t.Function> | null,
    private readonly tracking: Tracking,
    private readonly analyzerFor: (fn: NodePath<t.Function>) => DepsAnalyzer,
    /** Builds nested templates for JSX met inside an expression and returns their deps. */
    private readonly onJSX: (path: NodePath<t.JSXElement | t.JSXFragment>, acc: Deps) => void,
  ) {}

  /** Collects the deps of an expression into `acc`. */
  collect(path: NodePath, acc: Deps): void {
    const node = path.node;
    switch (node.type) {
      case "Identifier":
        this.useWhole(this.resolve(path as NodePath<t.Identifier>), node.name, acc);
        return;
      case "MemberExpression":
      case "OptionalMemberExpression":
        this.collectMember(path as NodePath<t.MemberExpression>, acc, false);
        return;
      case "CallExpression":
      case "OptionalCallExpression":
      case "NewExpression":
        this.collectCall(path as NodePath<t.CallExpression | t.NewExpression>, acc);
        return;
      case "JSXElement":
      case "JSXFragment":
        this.onJSX(path as NodePath<t.JSXElement | t.JSXFragment>, acc);
        return;
      case "ArrowFunctionExpression":
      case "FunctionExpression":
        this.collectFree(path, acc);
        return;
      case "StringLiteral":
      case "NumericLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "BigIntLiteral":
      case "RegExpLiteral":
      case "MetaProperty":
        return;
      case "ThisExpression":
        acc.markDirty("reads `this`");
        return;
      case "AssignmentExpression":
      case "UpdateExpression":
        acc.markDirty("assigns a variable while rendering");
        acc.eager = true;
        return;
      case "AwaitExpression":
      case "YieldExpression":
        acc.markDirty("awaits while rendering");
        return;
      case "UnaryExpression":
        if (node.operator === "delete") acc.markDirty("deletes a property while rendering");
        this.collect(path.get("argument") as NodePath, acc);
        return;
      case "ObjectExpression":
        for (const prop of (path as NodePath<t.ObjectExpression>).get("properties")) {
          if (prop.isObjectProperty()) {
            if (prop.node.computed) this.collect(prop.get("key"), acc);
            this.collect(prop.get("value"), acc);
          } else if (prop.isSpreadElement()) {
            this.collect(prop.get("argument"), acc);
          } else {
            this.collectFree(prop, acc);
          }
        }
        return;
      case "ArrayExpression":
        for (const el of (path as NodePath<t.ArrayExpression>).get("elements")) if (el.node) this.collect(el as NodePath, acc);
        return;
      case "SpreadElement":
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TypeCastExpression":
      case "ParenthesizedExpression":
        this.collect(path.get(node.type === "SpreadElement" ? "argument" : "expression") as NodePath, acc);
        return;
      case "TemplateLiteral":
      case "SequenceExpression":
        for (const e of path.get(node.type === "TemplateLiteral" ? "expressions" : "expressions") as NodePath[]) {
          this.collect(e, acc);
        }
        return;
      case "TaggedTemplateExpression":
        this.collectCallee(path.get("tag") as NodePath, acc);
        this.collect(path.get("quasi") as NodePath, acc);
        return;
      case "BinaryExpression":
      case "LogicalExpression":
        this.collect(path.get("left") as NodePath, acc);
        this.collect(path.get("right") as NodePath, acc);
        return;
      case "ConditionalExpression":
        this.collect(path.get("test") as NodePath, acc);
        this.collect(path.get("consequent") as NodePath, acc);
        this.collect(path.get("alternate") as NodePath, acc);
        return;
      default:
        // Anything else (class expressions, statements, …): every outside binding it reads.
        this.collectFree(path, acc);
    }
  }

  /**
   * `a.b[i].c`: the longest static path from a tracked root (`a.b`), plus the deps of computed
   * keys. A method call's receiver (`user.name.toUpperCase()` → `user.name`) is handled by the
   * caller dropping the last segment.
   */
  private collectMember(path: NodePath<t.MemberExpression | t.OptionalMemberExpression>, acc: Deps, dropLast: boolean): void {
    const segments: (string | NodePath)[] = [];
    let cur: NodePath = path;
    while (cur.isMemberExpression() || cur.isOptionalMemberExpression()) {
      const prop = cur.get("property") as NodePath;
      const n = cur.node as t.MemberExpression;
      if (!n.computed && prop.isIdentifier()) segments.unshift(prop.node.name);
      else if (prop.isStringLiteral() || prop.isNumericLiteral()) segments.unshift(String(prop.node.value));
      else segments.unshift(prop);
      cur = cur.get("object") as NodePath;
    }
    if (dropLast) segments.pop();
    let base: Ref;
    if (cur.isIdentifier()) base = this.resolve(cur);
    else {
      this.collect(cur, acc);
      base = STATIC;
    }
    let i = 0;
    if (base.kind === "path") {
      let p = base.path;
      for (; i < segments.length && typeof segments[i] === "string"; i++) p = p ? `${p}.${segments[i]}` : (segments[i] as string);
      if (p === base.path) this.useWhole(base, cur.isIdentifier() ? cur.node.name : "", acc);
      else acc.addPath(p);
    } else if (base.kind === "deps") {
      acc.add(base.deps);
    } else if (cur.isIdentifier() && !cur.scope.getBinding(cur.node.name)) {
      this.checkGlobalMember(cur.node.name, segments[0], acc);
    }
    for (; i < segments.length; i++) {
      const s = segments[i]!;
      if (typeof s !== "string") this.collect(s, acc);
    }
  }

  private checkGlobalMember(name: string, member: string | NodePath | undefined, acc: Deps): void {
    const impure = IMPURE_MEMBERS[name];
    if (impure === "*" || (impure && typeof member === "string" && impure.has(member))) {
      acc.markDirty(`calls ${name}${typeof member === "string" ? `.${member}` : ""}, which is not a function of the assigns`);
    }
  }

  private collectCall(path: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>, acc: Deps): void {
    const callee = path.get("callee") as NodePath;
    const args = path.get("arguments") as NodePath[];
    if (path.isNewExpression() && callee.isIdentifier({ name: "Date" }) && args.length === 0 && !path.scope.getBinding("Date")) {
      acc.markDirty("reads the clock with new Date()");
    }
    this.collectCallee(callee, acc);
    for (const arg of args) this.collect(arg, acc);
  }

  /** A called function: a method reads its receiver; a plain function is pure in its arguments. */
  private collectCallee(callee: NodePath, acc: Deps): void {
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      this.collectMember(callee, acc, true);
      const object = callee.get("object") as NodePath;
      const prop = callee.node.property;
      if (object.isIdentifier() && !object.scope.getBinding(object.node.name) && !callee.node.computed && prop.type === "Identifier") {
        this.checkGlobalMember(object.node.name, prop.name, acc);
      }
      return;
    }
    if (callee.isIdentifier()) {
      const ref = this.resolve(callee);
      if (ref.kind === "deps") acc.add(ref.deps);
      else if (ref.kind === "path") this.useWhole(ref, callee.node.name, acc);
      return;
    }
    this.collect(callee, acc);
  }

  private useWhole(ref: Ref, name: string, acc: Deps): void {
    if (ref.kind === "static") return;
    if (ref.kind === "deps") {
      acc.add(ref.deps);
      return;
    }
    if (ref.whole !== null) acc.markDirty(ref.whole.replace("{name}", name));
    else acc.addPath(ref.path);
  }

  /** Every binding from outside `boundary` that the code inside it reads (closures, statements). */
  collectFree(boundary: NodePath, acc: Deps, skip?: Binding): void {
    const self = this;
    const visit = (p: NodePath<t.Identifier | t.JSXIdentifier>) => {
      const name = p.node.name;
      if (isGeneratedName(name)) return;
      const binding = p.scope.getBinding(name);
      if (binding && (binding === skip || isWithin(binding.path, boundary))) return;
      if (p.isJSXIdentifier()) {
        if (!binding && /^[a-z]/.test(name)) return;
        self.useWhole(binding ? self.resolveBinding(binding, name) : self.resolveGlobal(name), name, acc);
        return;
      }
      // Extend `a.b.c` upwards so closures keep path precision.
      let top: NodePath = p;
      while ((top.parentPath?.isMemberExpression() || top.parentPath?.isOptionalMemberExpression()) && top.key === "object") {
        top = top.parentPath;
      }
      if (top !== p) {
        const isCallee = Boolean(top.parentPath?.isCallExpression() || top.parentPath?.isOptionalCallExpression()) && top.key === "callee";
        self.collectMember(top as NodePath<t.MemberExpression>, acc, isCallee);
      } else {
        self.useWhole(self.resolve(p as NodePath<t.Identifier>), name, acc);
      }
    };
    if (boundary.isIdentifier()) {
      visit(boundary);
      return;
    }
    boundary.traverse(FREE_VISITOR, { visit, acc });
  }

  /** What an identifier reference stands for. */
  resolve(path: NodePath<t.Identifier>): Ref {
    const name = path.node.name;
    if (isGeneratedName(name)) return STATIC;
    const binding = path.scope.getBinding(name);
    return binding ? this.resolveBinding(binding, name) : this.resolveGlobal(name);
  }

  private resolveGlobal(name: string): Ref {
    if (PURE_GLOBALS.has(name)) return STATIC;
    return { kind: "deps", deps: new Deps().markDirty(`reads the global \`${name}\``) };
  }

  resolveBinding(binding: Binding, name: string): Ref {
    const param = this.tracking.params.get(binding);
    if (param !== undefined) {
      if (param.region === this.region?.node) {
        const whole = param.path === "" ? "passes the whole assigns object `{name}` on" : null;
        return { kind: "path", path: param.path, whole };
      }
      return { kind: "deps", deps: new Deps().markDirty(`reads \`${name}\` from the enclosing render; pass it as a prop`) };
    }
    const loop = this.tracking.loops.get(binding);
    if (loop !== undefined) {
      if (loop.region === (this.region?.node ?? null)) return { kind: "path", path: loop.path, whole: null };
      return { kind: "deps", deps: new Deps().markDirty(`reads \`${name}\` from the enclosing list; pass it as a prop`) };
    }
    if (binding.kind === "module") return STATIC;
    const fn = binding.scope.getFunctionParent();
    if (!fn) {
      return binding.constantViolations.length
        ? { kind: "deps", deps: new Deps().markDirty(`reads the module-level \`${name}\`, which is reassigned`) }
        : STATIC;
    }
    if (this.region && (fn.path === this.region || isWithin(fn.path, this.region))) {
      return this.aliasOf(binding) ?? { kind: "deps", deps: this.localDeps(binding, name) };
    }
    // A binding of an enclosing function: fixed for this function's life, unless it carries the
    // enclosing render's state.
    if (this.tracking.isRegion(fn.path.node as t.Function)) {
      const outer = this.analyzerFor(fn.path as NodePath<t.Function>);
      const deps = new Deps();
      outer.useWhole(outer.resolveBinding(binding, name), name, deps);
      if (deps.dirty !== null || deps.paths.size > 0) {
        return { kind: "deps", deps: new Deps().markDirty(`reads \`${name}\` from the enclosing render; pass it as a prop`) };
      }
      return STATIC;
    }
    return binding.constantViolations.length
      ? { kind: "deps", deps: new Deps().markDirty(`reads \`${name}\`, which is reassigned`) }
      : STATIC;
  }

  /**
   * A local that names a tracked path (`const { items } = assigns`, `const user = assigns.user`)
   * is that path, so reads through it stay precise.
   */
  private aliasOf(binding: Binding): Ref | null {
    if (binding.constantViolations.length > 0 || (binding.kind !== "const" && binding.kind !== "let")) return null;
    const decl = binding.path;
    if (!decl.isVariableDeclarator()) return null;
    const init = decl.get("init");
    if (!init.node || !(init.isIdentifier() || init.isMemberExpression())) return null;
    const segments = patternSegments(decl.node.id, binding.identifier);
    if (!segments || this.inProgress.has(binding)) return null;
    const base = this.pathOf(init as NodePath);
    if (base === null) return null;
    const mutations = new Deps();
    this.inProgress.add(binding);
    try {
      this.collectMutations(binding, mutations);
    } finally {
      this.inProgress.delete(binding);
    }
    if (mutations.dirty !== null || mutations.paths.size > 0) return null;
    const path = [base.path, ...segments].filter((s) => s !== "").join(".");
    return { kind: "path", path, whole: path === "" ? base.whole : null };
  }

  /** The tracked path an identifier or static member chain names, or null. */
  private pathOf(path: NodePath): { path: string; whole: string | null } | null {
    const segments: string[] = [];
    let cur = path;
    while (cur.isMemberExpression()) {
      const prop = cur.node.property;
      if (!cur.node.computed && prop.type === "Identifier") segments.unshift(prop.name);
      else if (prop.type === "StringLiteral" || prop.type === "NumericLiteral") segments.unshift(String(prop.value));
      else return null;
      cur = cur.get("object") as NodePath;
    }
    if (!cur.isIdentifier()) return null;
    const ref = this.resolve(cur);
    if (ref.kind !== "path") return null;
    const p = [ref.path, ...segments].filter((s) => s !== "").join(".");
    return { path: p, whole: p === ref.path ? ref.whole : null };
  }

  /** A local `const`/`let`/function: the deps of its initializer and of what changes it. */
  private localDeps(binding: Binding, name: string): Deps {
    const cached = this.locals.get(binding);
    if (cached) return cached;
    if (this.inProgress.has(binding)) return new Deps();
    this.inProgress.add(binding);
    const deps = new Deps();
    try {
      if (binding.constantViolations.length > 0) {
        deps.markDirty(`\`${name}\` is reassigned`);
        deps.eager = true;
      } else if (binding.kind === "hoisted") {
        this.collectFree(binding.path, deps, binding);
      } else if (binding.kind === "const" || binding.kind === "let" || binding.kind === "var") {
        this.collectDeclarator(binding, deps);
        this.collectMutations(binding, deps);
      } else {
        deps.markDirty(`\`${name}\` is not derived from the assigns in a way the compiler can follow`);
      }
    } finally {
      this.inProgress.delete(binding);
    }
    this.locals.set(binding, deps);
    return deps;
  }

  private collectDeclarator(binding: Binding, acc: Deps): void {
    const decl = binding.path;
    if (!decl.isVariableDeclarator()) {
      acc.markDirty(`\`${binding.identifier.name}\` is declared in a way the compiler cannot follow`);
      return;
    }
    const loop = decl.parentPath.parentPath;
    if (loop && (loop.isForOfStatement() || loop.isForInStatement()) && decl.parentPath.key === "left") {
      this.collect(loop.get("right") as NodePath, acc);
      return;
    }
    const init = decl.get("init");
    if (!init.node) return;
    const segments = patternSegments(decl.node.id, binding.identifier);
    if (segments && segments.length > 0 && (init.isIdentifier() || init.isMemberExpression())) {
      // `const { name } = user` reads `user.name`, not all of `user`.
      const inner = new Deps();
      this.collect(init as NodePath, inner);
      if (inner.dirty === null && inner.paths.size === 1) {
        const [base] = inner.paths;
        acc.addPath(base ? `${base}.${segments.join(".")}` : segments.join("."));
        return;
      }
      acc.add(inner);
      return;
    }
    this.collect(init as NodePath, acc);
  }

  /**
   * A local object changed after its declaration (`rows.push(…)` in a loop) takes the deps of
   * each statement that may change it. A change from inside a nested function cannot be followed.
   */
  private collectMutations(binding: Binding, acc: Deps): void {
    const ownFn = binding.scope.getFunctionParent();
    for (const ref of binding.referencePaths) {
      if (isWithin(ref, binding.path) || !isMutatingUse(ref)) continue;
      const statement = ref.getStatementParent();
      if (!statement) continue;
      if (ref.scope.getFunctionParent() !== ownFn) {
        acc.markDirty(`\`${binding.identifier.name}\` is changed inside a nested function`);
        continue;
      }
      this.collectFree(statement, acc, binding);
    }
  }
}

/** Hoisted so Babel prepares it once, not on every call. */
const FREE_VISITOR: Visitor<{ visit: (p: NodePath<t.Identifier | t.JSXIdentifier>) => void; acc: Deps }> = {
  ReferencedIdentifier(p, state) {
    state.visit(p as NodePath<t.Identifier | t.JSXIdentifier>);
  },
  ThisExpression(p, state) {
    const fn = p.getFunctionParent();
    if (!fn || fn.isArrowFunctionExpression()) state.acc.markDirty("reads `this`");
  },
};

function isWithin(path: NodePath, ancestor: NodePath): boolean {
  for (let p: NodePath | null = path; p; p = p.parentPath) if (p.node === ancestor.node) return true;
  return false;
}

/** Whether a reference may change the object it names: `x.a = 1`, `x.push(…)`, `f(x)`. */
function isMutatingUse(ref: NodePath): boolean {
  let p: NodePath = ref;
  while ((p.parentPath?.isMemberExpression() || p.parentPath?.isOptionalMemberExpression()) && p.key === "object") {
    p = p.parentPath;
  }
  const parent = p.parentPath;
  if (!parent) return false;
  if (parent.isAssignmentExpression() && p.key === "left") return true;
  if (parent.isUpdateExpression()) return true;
  if (parent.isUnaryExpression({ operator: "delete" })) return true;
  if (parent.isCallExpression() || parent.isOptionalCallExpression() || parent.isNewExpression()) {
    if (p.key === "callee") {
      const n = p.node;
      return (n.type === "MemberExpression" || n.type === "OptionalMemberExpression") &&
        n.property.type === "Identifier" && MUTATING_METHODS.has(n.property.name);
    }
    return true; // passed to a function that may change it
  }
  if (parent.isForOfStatement() || parent.isForInStatement()) return p.key === "left";
  return false;
}

/**
 * The property path from a destructuring pattern to one of its identifiers:
 * `{ user: { name } }` → `["user", "name"]`. `null` when it goes through a rest or computed key.
 */
export function patternSegments(pattern: t.Node, target: t.Identifier): (string | number)[] | null {
  if (pattern === target) return [];
  switch (pattern.type) {
    case "AssignmentPattern":
      return patternSegments(pattern.left, target);
    case "ObjectPattern":
      for (const prop of pattern.properties) {
        if (prop.type === "RestElement") {
          if (patternSegments(prop.argument, target)) return null;
          continue;
        }
        const inner = patternSegments(prop.value, target);
        if (!inner) continue;
        if (prop.computed) return prop.key.type === "StringLiteral" || prop.key.type === "NumericLiteral" ? [String(prop.key.value), ...inner] : null;
        const key = prop.key.type === "Identifier" ? prop.key.name : prop.key.type === "StringLiteral" || prop.key.type === "NumericLiteral" ? String(prop.key.value) : null;
        return key === null ? null : [key, ...inner];
      }
      return null;
    case "ArrayPattern":
      for (let i = 0; i < pattern.elements.length; i++) {
        const el = pattern.elements[i];
        if (!el) continue;
        if (el.type === "RestElement") {
          if (patternSegments(el.argument, target)) return null;
          continue;
        }
        const inner = patternSegments(el, target);
        if (inner) return [i, ...inner];
      }
      return null;
    case "TSParameterProperty":
      return patternSegments(pattern.parameter, target);
    default:
      return null;
  }
}

/** Every identifier a pattern binds. */
export function patternIdentifiers(pattern: t.Node, out: t.Identifier[] = []): t.Identifier[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      break;
    case "AssignmentPattern":
      patternIdentifiers(pattern.left, out);
      break;
    case "RestElement":
      patternIdentifiers(pattern.argument, out);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternIdentifiers(p.type === "RestElement" ? p : p.value, out);
      break;
    case "ArrayPattern":
      for (const el of pattern.elements) if (el) patternIdentifiers(el, out);
      break;
    case "TSParameterProperty":
      patternIdentifiers(pattern.parameter, out);
      break;
  }
  return out;
}
