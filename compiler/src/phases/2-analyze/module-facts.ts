/**
 * Facts about a module that the dependency analysis proves once: which module bindings are
 * immutable constants, what a function's body reads and whether it is pure, which statements
 * may change a local, and the conditions under which a statement runs.
 */
import { types as t, type NodePath } from "@babel/core";
import { forEachDescendantPath, hasDescendant, isReferencedIdentifierNode } from "../../shared/walk.js";
import { Deps, isGeneratedName, isWithin, type DepsAnalyzer } from "./deps.js";
import { patternIdentifiers } from "./patterns.js";
import { chainCalls, isJSCall } from "./js-commands.js";
import { isConstantGlobal, isPureGlobalCall, isPureGlobalConstructor, isPureGlobalMember, isPureMethod, MUTATING_METHOD_COPIES } from "./purity.js";

type Binding = NonNullable<ReturnType<NodePath["scope"]["getBinding"]>>;
type Ref = ReturnType<DepsAnalyzer["resolve"]>;

/** Exports of the runtime that are pure in their arguments (helpers and function components). */
const RUNTIME_PURE = new Set(["raw", "escapeHTML", "Link", "Form", "Input", "ErrorTag", "LiveComponent", "Async", "LiveFileInput", "LiveImgPreview", "uploadErrors", "usedFields", "classList", "styleText", "trustedURL"]);
const RUNTIME_MODULES = /^@livetsx\/server(\/|$)/;

export class ModuleFacts {
  private readonly immutable = new Map<Binding, string | null>();
  private readonly summaries = new WeakMap<DepsAnalyzer, Map<t.Node, Deps>>();
  private readonly deepMutations = new Map<t.Node, boolean>();
  /** Functions whose summaries are being computed, innermost last. */
  private readonly pending: t.Node[] = [];

  /**
   * Counts the transform's rewrites of the tree (a JSX tree replaced, a region given its scope):
   * answers read from the tree around references are kept only while it stays the same.
   */
  treeVersion = 0;

  constructor(private readonly source: string) {}

  /** The source of a node, on one line and shortened, for reasons. */
  code(node: t.Node): string {
    const text = node.start != null && node.end != null ? this.source.slice(node.start, node.end) : node.type;
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
  }

  /** A module-level binding: an import, a helper, an immutable constant, or module state. */
  moduleRef(binding: Binding, name: string, analyzer: DepsAnalyzer): Ref {
    if (binding.kind === "module") {
      const decl = binding.path.parentPath;
      const from = decl?.isImportDeclaration() ? decl.node.source.value : "";
      const imported = binding.path.isImportSpecifier() ? importedName(binding.path.node) : null;
      if (RUNTIME_MODULES.test(from) && imported !== null && RUNTIME_PURE.has(imported)) return { kind: "function", deps: new Deps() };
      if (from.startsWith(".") && binding.path.isImportSpecifier()) {
        // A function of another module of the app: pure if that module's compiled code says so.
        const deps = new Deps();
        deps.requires.add(name);
        return { kind: "function", deps };
      }
      return { kind: "deps", deps: new Deps().markDirty(`uses \`${name}\`, imported from "${from}", whose code the compiler cannot see`) };
    }
    const fn = this.functionOf(binding);
    if (fn) return { kind: "function", deps: this.functionDeps(fn, analyzer) };
    const why = this.mutableReason(binding, analyzer);
    if (why === null) return { kind: "static" };
    return { kind: "deps", deps: new Deps().markDirty(why.replace("{name}", name)) };
  }

  /** The function a binding is declared as (`function f`, `const f = () => …`), if any. */
  functionOf(binding: Binding): NodePath<t.Function> | null {
    if (binding.constantViolations.length > 0) return null;
    const path = binding.path;
    if (binding.kind === "hoisted" && path.isFunctionDeclaration()) return path;
    if ((binding.kind === "const" || binding.kind === "let") && path.isVariableDeclarator() && path.node.id.type === "Identifier") {
      const init = path.get("init");
      if (init.isArrowFunctionExpression() || init.isFunctionExpression()) return init;
    }
    return null;
  }

  /**
   * Why a module-level binding is not an immutable constant (null when it is): a `const` (or
   * never reassigned `let`) whose value is built of literals, pure functions and other such
   * constants, and whose objects no code can reach to change.
   */
  private mutableReason(binding: Binding, analyzer: DepsAnalyzer): string | null {
    if (this.immutable.has(binding)) return this.immutable.get(binding)!;
    this.immutable.set(binding, null); // a cycle is read as immutable while it is decided
    let why: string | null = null;
    const decl = binding.path;
    if (binding.constantViolations.length > 0) why = "reads the module-level `{name}`, which is reassigned";
    else if (binding.kind === "param") {
      // A parameter of an enclosing function (a view factory's): fixed for the view's life
      // unless code can change the object it names.
      if (!binding.referencePaths.every((r) => this.isSafeUse(r, 0))) why = "reads `{name}`, an object that code can change";
    } else if (!decl.isVariableDeclarator() || !(binding.kind === "const" || binding.kind === "let")) {
      why = "reads the module-level `{name}`, which the compiler cannot prove constant";
    } else if (decl.node.id.type !== "Identifier") {
      why = "reads the module-level `{name}`, which is destructured";
    } else {
      const init = decl.get("init");
      const value = init.node ? (isDefinition(init.node, decl) ? "primitive" : this.constantValue(init as NodePath, analyzer)) : "primitive";
      if (value === null) why = "reads the module-level `{name}`, whose value can change";
      else if (value === "object" && !binding.referencePaths.every((r) => this.isSafeUse(r, 0, literalDepth(init.node)))) {
        why = "reads the module-level `{name}`, an object that code can change";
      }
    }
    this.immutable.set(binding, why);
    return why;
  }

  /**
   * Whether an expression is a constant: "primitive", "object" (an object or array that must
   * then be kept from changes), or null when it is not a constant at all.
   */
  private constantValue(path: NodePath, analyzer: DepsAnalyzer): "primitive" | "object" | null {
    const node = path.node;
    switch (node.type) {
      case "StringLiteral":
      case "NumericLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "BigIntLiteral":
        return "primitive";
      case "TemplateLiteral":
      case "UnaryExpression":
      case "BinaryExpression":
      case "LogicalExpression":
      case "ConditionalExpression": {
        if (node.type === "UnaryExpression" && node.operator === "delete") return null;
        let result: "primitive" | "object" = "primitive";
        const parts =
          node.type === "TemplateLiteral" ? (path.get("expressions") as NodePath[])
          : node.type === "UnaryExpression" ? [path.get("argument") as NodePath]
          : node.type === "ConditionalExpression" ? [path.get("test"), path.get("consequent"), path.get("alternate")] as NodePath[]
          : [path.get("left"), path.get("right")] as NodePath[];
        for (const part of parts) {
          const v = this.constantValue(part, analyzer);
          if (v === null) return null;
          if (v === "object" && (node.type === "LogicalExpression" || node.type === "ConditionalExpression")) result = "object";
        }
        return result;
      }
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "ParenthesizedExpression":
        return this.constantValue(path.get("expression") as NodePath, analyzer);
      case "ObjectExpression":
        for (const prop of (path as NodePath<t.ObjectExpression>).get("properties")) {
          if (prop.isObjectProperty()) {
            if (prop.node.computed && this.constantValue(prop.get("key"), analyzer) === null) return null;
            if (this.constantValue(prop.get("value") as NodePath, analyzer) === null) return null;
          } else if (prop.isSpreadElement()) {
            if (this.constantValue(prop.get("argument"), analyzer) === null) return null;
          } else if (!this.isPureFunction(prop as NodePath<t.ObjectMethod>, analyzer)) return null;
        }
        return "object";
      case "ArrayExpression":
        for (const el of (path as NodePath<t.ArrayExpression>).get("elements")) {
          if (el.node && this.constantValue(el.isSpreadElement() ? el.get("argument") : (el as NodePath), analyzer) === null) return null;
        }
        return "object";
      case "ArrowFunctionExpression":
      case "FunctionExpression":
        return this.isPureFunction(path as NodePath<t.Function>, analyzer) ? "primitive" : null;
      case "Identifier": {
        if (isConstantGlobal(node.name)) return "primitive";
        const b = path.scope.getBinding(node.name);
        if (!b || b.scope.getFunctionParent()) return null;
        if (this.functionOf(b)) return this.isPureFunction(this.functionOf(b)!, analyzer) ? "primitive" : null;
        return this.mutableReason(b, analyzer) === null ? "object" : null;
      }
      case "MemberExpression": {
        const deps = new Deps();
        analyzer.collect(path, deps);
        return deps.dirty === null && deps.paths.size === 0 ? "object" : null;
      }
      case "CallExpression":
      case "NewExpression": {
        if (isJSCall(path)) {
          // A JS command list is frozen, so one built of constants is a constant.
          for (const call of chainCalls(path)) {
            for (const arg of call.get("arguments") as NodePath[]) if (this.constantValue(arg, analyzer) === null) return null;
          }
          return "primitive";
        }
        // `Object.freeze([...])`, `new Intl.NumberFormat("en")`, `String(1)` of constants.
        const callee = path.get("callee") as NodePath;
        const args = path.get("arguments") as NodePath[];
        let ok = false;
        if (callee.isIdentifier() && !callee.scope.getBinding(callee.node.name)) {
          ok = node.type === "NewExpression" ? isPureGlobalConstructor(callee.node.name, args.length) && callee.node.name.startsWith("Intl") : isPureGlobalCall(callee.node.name);
        } else if (callee.isMemberExpression() && !callee.node.computed && callee.node.object.type === "Identifier" && callee.node.property.type === "Identifier" && !callee.scope.getBinding(callee.node.object.name)) {
          const ns = callee.node.object.name;
          const member = callee.node.property.name;
          ok = (ns === "Object" && member === "freeze") || (isPureGlobalMember(ns, member) && (node.type !== "NewExpression" || ns === "Intl"));
        }
        if (!ok) return null;
        for (const arg of args) if (this.constantValue(arg, analyzer) === null) return null;
        // An Intl formatter has no state to change; anything else made here is an object.
        return node.type === "NewExpression" ? "primitive" : "object";
      }
      default:
        return null;
    }
  }

  /** A module object read only in ways that cannot change it or let it out. */
  private isSafeUse(ref: NodePath, depth: number, objectDepth = Infinity): boolean {
    if (ref.isJSXIdentifier()) {
      // `<UI.Alert>`: a tag reads the component to call it.
      let tag: NodePath = ref;
      while (tag.parentPath?.isJSXMemberExpression() && tag.key === "object") tag = tag.parentPath;
      return Boolean(tag.parentPath?.isJSXOpeningElement() || tag.parentPath?.isJSXClosingElement());
    }
    let p: NodePath = ref;
    let reads = 0;
    for (;;) {
      const up = p.parentPath;
      if ((up?.isMemberExpression() || up?.isOptionalMemberExpression()) && p.key === "object") {
        p = up;
        // Deep enough into a literal of literals, the value read is a primitive.
        if (++reads >= objectDepth && !(up.parentPath?.isAssignmentExpression() && up.key === "left") && !up.parentPath?.isUpdateExpression() && !up.parentPath?.isUnaryExpression({ operator: "delete" })) return true;
      }
      else if (up?.isTSAsExpression() || up?.isTSNonNullExpression() || up?.isTSSatisfiesExpression() || up?.isParenthesizedExpression()) p = up;
      // A reference whose wrapper was stripped (`x as T` → `x`): its parent now holds its node.
      else if (up && up.node === p.node) p = up;
      else break;
    }
    const parent = p.parentPath;
    if (!parent) return false;
    if ((parent.isCallExpression() || parent.isOptionalCallExpression()) && p.key === "callee") {
      let callee = p.node;
      while (callee.type === "TSAsExpression" || callee.type === "TSNonNullExpression" || callee.type === "ParenthesizedExpression") callee = callee.expression;
      if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return false;
      const name = callee.property.type === "Identifier" && !callee.computed ? callee.property.name : null;
      const args = parent.node.arguments;
      // A callback that changes the elements it gets, or a result (which may hold the same
      // inner objects) used where it can be changed, is not safe.
      return name !== null && isPureMethod(name, args.length) && !takesChangingCallback(name, args) && depth < 4 && this.isSafeUse(parent, depth + 1);
    }
    if (parent.isBinaryExpression() || parent.isTemplateLiteral() || parent.isIfStatement() || parent.isSwitchStatement()) return true;
    if (parent.isUnaryExpression() && parent.node.operator !== "delete") return true;
    if (parent.isConditionalExpression() && p.key === "test") return true;
    if (parent.isLogicalExpression() && p.key === "left" && depth < 4) return this.isSafeUse(parent, depth + 1);
    if (parent.isForOfStatement() && p.key === "right") return true;
    if (parent.isJSXExpressionContainer()) {
      const owner = parent.parentPath;
      if (owner?.isJSXAttribute()) {
        const element = owner.parentPath?.node as t.JSXOpeningElement | undefined;
        return element?.name.type === "JSXIdentifier" && /^[a-z]/.test(element.name.name);
      }
      return true;
    }
    if ((parent.isCallExpression() || parent.isNewExpression()) && p.listKey === "arguments") {
      const callee = parent.node.callee;
      if (callee.type === "Identifier" && !parent.scope.getBinding(callee.name)) return isPureGlobalCall(callee.name);
      if (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.property.type === "Identifier" && !parent.scope.getBinding(callee.object.name)) {
        return isPureGlobalMember(callee.object.name, callee.property.name) && callee.property.name !== "fromEntries";
      }
      return false;
    }
    if (parent.isVariableDeclarator() && p.key === "init" && parent.node.id.type === "Identifier" && depth < 4) {
      const alias = parent.scope.getBinding(parent.node.id.name);
      return alias !== undefined && alias.constantViolations.length === 0 && alias.referencePaths.every((r) => this.isSafeUse(r, depth + 1));
    }
    return false;
  }

  private isPureFunction(fn: NodePath<t.Function>, analyzer: DepsAnalyzer): boolean {
    const deps = this.functionDeps(fn, analyzer);
    return deps.dirty === null && deps.paths.size === 0;
  }

  /**
   * What calling a function reads besides its arguments, and whether it is pure: every read
   * from outside its body must be proven, and it may change only objects it made itself.
   */
  functionDeps(fn: NodePath<t.Function>, analyzer: DepsAnalyzer): Deps {
    let cache = this.summaries.get(analyzer);
    if (!cache) this.summaries.set(analyzer, (cache = new Map()));
    const cached = cache.get(fn.node);
    if (cached) {
      // A function calling itself reads what its body reads; one reached again through another
      // function being analysed would leave that one's answer partial.
      if (this.pending.includes(fn.node) && this.pending.at(-1) !== fn.node) return new Deps().markDirty("calls mutually recursive functions");
      return cached;
    }
    const deps = new Deps();
    cache.set(fn.node, deps);
    this.pending.push(fn.node);
    if (fn.node.async || fn.node.generator) deps.markDirty("calls an async or generator function while rendering");
    analyzer.withOpaque(fn, () => {
      for (const param of fn.get("params")) this.bodyDeps(param, analyzer, deps, null, fn);
      this.bodyDeps(fn.get("body") as NodePath, analyzer, deps, null, fn);
    });
    this.pending.pop();
    return deps;
  }

  /**
   * The reads from outside `boundary` of the code inside it, checked as in a slot. Inside a
   * function (`fn`), only objects the function made may be changed; in a statement of a render,
   * locals of the render may change too (each local's own analysis takes those changes in).
   */
  bodyDeps(boundary: NodePath, analyzer: DepsAnalyzer, acc: Deps, skip: Binding | null, fn: NodePath<t.Function> | null = null): void {
    const state: BodyState = { facts: this, analyzer, acc, boundary, skip, fn };
    if (boundary.isIdentifier()) {
      visitReference(boundary, state);
      return;
    }
    forEachDescendantPath(boundary, isBodyNode, (p) => visitBodyNode(p, state));
    // `traverse` visits the children only: the boundary node itself may be a call or a write.
    checkNode(boundary, state);
  }

  /** Whether a reference may change the object it names: `x.a = 1`, `x.push(…)`, `f(x)`. */
  isMutatingUse(ref: NodePath): boolean {
    let p: NodePath = ref;
    for (;;) {
      const up = p.parentPath;
      if ((up?.isMemberExpression() || up?.isOptionalMemberExpression()) && p.key === "object") p = up;
      else if (up && up.node === p.node) p = up; // a stripped `x as T`
      else if (up?.isTSAsExpression() || up?.isTSNonNullExpression() || up?.isTSSatisfiesExpression()) p = up;
      else break;
    }
    const parent = p.parentPath;
    if (!parent) return false;
    // `i++`, `x = 1`: a reassignment of the name (its writes), not a change of an object.
    if (p === ref && (parent.isUpdateExpression() || (parent.isAssignmentExpression() && p.key === "left"))) return false;
    if (parent.isAssignmentExpression() && p.key === "left") return true;
    if (parent.isUpdateExpression()) return true;
    if (parent.isUnaryExpression({ operator: "delete" })) return true;
    if (parent.isCallExpression() || parent.isOptionalCallExpression() || parent.isNewExpression()) {
      if (p.key === "callee") {
        const n = p.node;
        if (n.type !== "MemberExpression" && n.type !== "OptionalMemberExpression") return false;
        const name = n.property.type === "Identifier" && !n.computed ? n.property.name : null;
        const args = parent.node.arguments;
        // A pure method with a callback can still hand the callback an element to change.
        return name === null || !isPureMethod(name, args.length) || takesChangingCallback(name, args);
      }
      return !isPureCallOf(parent) && !this.keepsArguments(parent); // passed to a function that may change it
    }
    if (parent.isForOfStatement() || parent.isForInStatement()) return p.key === "left";
    return false;
  }

  /**
   * A call that does not change its arguments: a built-in method (`rows.push(x)` stores `x`,
   * it does not change it), or a function of the module whose body changes none of its
   * parameters.
   */
  private keepsArguments(call: NodePath): boolean {
    const callee = (call.node as t.CallExpression).callee;
    if (call.isNewExpression()) return false;
    if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
      const name = callee.property.name;
      return PURE_METHODS_OR_MUTATORS(name);
    }
    if (callee.type === "Identifier") {
      const binding = call.scope.getBinding(callee.name);
      const fn = binding ? this.functionOf(binding) : null;
      return fn !== null && !changesItsParams(fn.node);
    }
    return false;
  }

  /** A local made in render as a new object (`[]`, `{}`, `new Map()`), or another name for one. */
  isFresh(binding: Binding, depth = 0): boolean {
    const decl = binding.path;
    if (!decl.isVariableDeclarator() || decl.node.id.type !== "Identifier" || depth > 4) return false;
    const init = decl.node.init;
    if (!init) return false;
    if (init.type === "ObjectExpression" || init.type === "ArrayExpression") return true;
    if (init.type === "NewExpression" && init.callee.type === "Identifier" && !decl.scope.getBinding(init.callee.name)) {
      return isPureGlobalConstructor(init.callee.name, init.arguments.length);
    }
    if (init.type === "Identifier") {
      const other = decl.scope.getBinding(init.name);
      return other !== undefined && other.scope.getFunctionParent() !== null && this.isFresh(other, depth + 1);
    }
    return false;
  }

  /**
   * Whether a local object may be changed where its own analysis does not look: it is stored
   * in another object or passed on, and the render changes some object below the top level.
   */
  mutated(binding: Binding): boolean {
    const fn = binding.scope.getFunctionParent()?.path;
    if (!fn) return false;
    if (!binding.referencePaths.some(escapes)) return false;
    let deep = this.deepMutations.get(fn.node);
    if (deep === undefined) {
      // Over the nodes alone (no paths): the question needs no scope.
      deep = hasDescendant(fn.node, (n) => {
        const target =
          n.type === "AssignmentExpression" ? n.left
          : n.type === "UpdateExpression" ? n.argument
          : n.type === "UnaryExpression" && n.operator === "delete" ? n.argument
          : n.type === "CallExpression" && n.callee.type === "MemberExpression" ? n.callee
          : null;
        if (!target || (target.type !== "MemberExpression" && target.type !== "OptionalMemberExpression")) return false;
        if (n.type === "CallExpression") {
          const callee = target as t.MemberExpression;
          const name = callee.property.type === "Identifier" && !callee.computed ? callee.property.name : null;
          if (name !== null && isPureMethod(name, n.arguments.length)) return false;
          return callee.object.type !== "Identifier";
        }
        return target.object.type !== "Identifier";
      });
      this.deepMutations.set(fn.node, deep);
    }
    return deep;
  }

  /**
   * The conditions under which `node` runs, up to `stop` (the block that declares the local it
   * changes): enclosing tests and loop headers, and every earlier or looping jump (`return`,
   * `break`, `continue`, `throw`) that can skip it.
   */
  controlDeps(node: NodePath, stop: t.Node, analyzer: DepsAnalyzer, acc: Deps): void {
    let child: NodePath = node;
    for (let p = node.parentPath; p && child.node !== stop; child = p, p = p.parentPath) {
      if (p.isFunction() || p.isProgram()) {
        if (p.node !== stop) this.precedingJumps(child, analyzer, acc);
        break;
      }
      if (p.isIfStatement() && child.key !== "test") analyzer.collect(p.get("test") as NodePath, acc);
      else if (p.isConditionalExpression() && child.key !== "test") analyzer.collect(p.get("test") as NodePath, acc);
      else if (p.isLogicalExpression() && child.key === "right") analyzer.collect(p.get("left") as NodePath, acc);
      else if (p.isWhileStatement() || p.isDoWhileStatement()) {
        analyzer.collect(p.get("test") as NodePath, acc);
        this.jumpConditions(p.get("body") as NodePath, analyzer, acc);
      } else if (p.isForStatement()) {
        for (const key of ["init", "test", "update"] as const) {
          const part = p.get(key) as NodePath;
          if (part.node && part !== child) this.bodyDeps(part, analyzer, acc, null);
        }
        this.jumpConditions(p.get("body") as NodePath, analyzer, acc);
      } else if (p.isForOfStatement() || p.isForInStatement()) {
        if (child.key !== "right") analyzer.collect(p.get("right") as NodePath, acc);
        this.jumpConditions(p.get("body") as NodePath, analyzer, acc);
      } else if (p.isSwitchStatement()) {
        analyzer.collect(p.get("discriminant") as NodePath, acc);
        for (const c of p.get("cases")) if (c.node.test) analyzer.collect(c.get("test") as NodePath, acc);
        this.jumpConditions(p, analyzer, acc);
      } else if (p.isTryStatement()) {
        this.bodyDeps(p, analyzer, acc, null);
      }
      if (p.isBlockStatement() || p.isSwitchCase()) this.precedingJumps(child, analyzer, acc);
    }
  }

  /** Earlier siblings of a statement that may jump past it. */
  private precedingJumps(statement: NodePath, analyzer: DepsAnalyzer, acc: Deps): void {
    if (typeof statement.key !== "number" || !statement.listKey) return;
    const siblings = statement.getAllPrevSiblings();
    for (const s of siblings) this.jumpConditions(s, analyzer, acc);
  }

  /** The conditions under which a jump inside `scope` is taken. */
  private jumpConditions(scope: NodePath, analyzer: DepsAnalyzer, acc: Deps): void {
    // Most statements hold no jump: a walk over the nodes finds out without paths.
    if (!hasDescendant(scope.node, isJump, t.isFunction)) return;
    const jumps: NodePath[] = [];
    scope.traverse({
      Function(p) {
        p.skip();
      },
      "ReturnStatement|BreakStatement|ContinueStatement|ThrowStatement"(p: NodePath) {
        jumps.push(p);
      },
    });
    for (const jump of jumps) {
      let child: NodePath = jump;
      for (let p = jump.parentPath; p && child.node !== scope.node; child = p, p = p.parentPath) {
        if (p.isIfStatement() && child.key !== "test") analyzer.collect(p.get("test") as NodePath, acc);
        else if (p.isWhileStatement() || p.isDoWhileStatement()) analyzer.collect(p.get("test") as NodePath, acc);
        else if (p.isForOfStatement() || p.isForInStatement()) analyzer.collect(p.get("right") as NodePath, acc);
        else if (p.isForStatement() && p.node.test) analyzer.collect(p.get("test") as NodePath, acc);
        else if (p.isSwitchStatement()) {
          analyzer.collect(p.get("discriminant") as NodePath, acc);
          for (const c of p.get("cases")) if (c.node.test) analyzer.collect(c.get("test") as NodePath, acc);
        } else if (p.isTryStatement()) this.bodyDeps(p.get("block"), analyzer, acc, null);
      }
    }
  }
}

/**
 * A callback that writes to (or calls a method of) an object reached from its parameters:
 * `(r) => (r.on = true)`. Reads only, and writes to its own locals, are not.
 */
export function changesItsParams(arg: t.Node): boolean {
  const known = paramChanges.get(arg);
  if (known !== undefined) return known;
  const result = computeChangesItsParams(arg);
  // Kept only for code no later pass rewrites: JSX becomes templates, and TypeScript syntax is
  // stripped when the traversal reaches it, either of which could change the answer.
  if (!hasDescendant(arg, (n) => n.type.startsWith("JSX") || n.type.startsWith("TS"))) paramChanges.set(arg, result);
  return result;
}

/** `changesItsParams` per callback, asked once for each use of a receiver it is passed with. */
const paramChanges = new WeakMap<t.Node, boolean>();

function computeChangesItsParams(arg: t.Node): boolean {
  if (arg.type !== "ArrowFunctionExpression" && arg.type !== "FunctionExpression" && arg.type !== "FunctionDeclaration") return arg.type === "Identifier";
  const names = new Set<string>();
  for (const param of arg.params) for (const id of patternIdentifiers(param)) names.add(id.name);
  let found = false;
  const rootName = (node: t.Node): string | null => {
    let cur = node;
    while (cur.type === "MemberExpression" || cur.type === "OptionalMemberExpression") cur = cur.object;
    return cur.type === "Identifier" ? cur.name : null;
  };
  const visit = (node: t.Node | null | undefined): void => {
    if (!node || found || typeof node.type !== "string") return;
    let target: t.Node | null = null;
    if (node.type === "AssignmentExpression" && node.left.type !== "Identifier") target = node.left;
    else if (node.type === "UpdateExpression" && node.argument.type !== "Identifier") target = node.argument;
    else if (node.type === "UnaryExpression" && node.operator === "delete") target = node.argument;
    else if (node.type === "CallExpression" && node.callee.type === "MemberExpression") {
      const prop = node.callee.property;
      if (!(prop.type === "Identifier" && !node.callee.computed && isPureMethod(prop.name, node.arguments.length))) target = node.callee.object;
    }
    if (target) {
      const root = rootName(target);
      if (root === null || names.has(root)) found = true;
    }
    if ((node.type === "CallExpression" || node.type === "NewExpression") && !(node.callee.type === "Identifier" && isPureGlobalCall(node.callee.name))) {
      // Handed to a function that could change it.
      for (const a of node.arguments) if (a.type !== "SpreadElement" && rootName(a) !== null && names.has(rootName(a)!)) found = true;
    }
    // The children Babel's traversal visits: every property of a parsed node that holds a node.
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) child.forEach((c) => visit(c as t.Node));
      else if (child && typeof child === "object") visit(child as t.Node);
    }
  };
  visit(arg.body);
  return found;
}


function isJump(node: t.Node): boolean {
  return node.type === "ReturnStatement" || node.type === "BreakStatement" || node.type === "ContinueStatement" || node.type === "ThrowStatement";
}

/** Built-in methods that call a function argument with the receiver's elements. */
const CALLBACK_METHODS = new Set([
  "every", "filter", "find", "findIndex", "findLast", "findLastIndex", "flatMap", "forEach", "map", "reduce",
  "reduceRight", "some", "toSorted", "sort",
]);

/** A callback method given a function that may change the elements it receives. */
function takesChangingCallback(name: string | null, args: t.CallExpression["arguments"]): boolean {
  if (name === null || !CALLBACK_METHODS.has(name)) return false;
  return args.some((a) => changesItsParams(a));
}

/** A built-in method name: pure, or one that changes only its receiver. */
function PURE_METHODS_OR_MUTATORS(name: string): boolean {
  return isPureMethod(name, 1) || Object.hasOwn(MUTATING_METHOD_COPIES, name);
}

/**
 * `defineComponent({ … })`, `defineView({ … })` of the runtime: a definition is code, passed
 * by identity (`<LiveComponent module={TodoItem} />`); what it renders is tracked by itself.
 */
function isDefinition(init: t.Node, decl: NodePath): boolean {
  if (init.type !== "CallExpression" || init.callee.type !== "Identifier") return false;
  const binding = decl.scope.getBinding(init.callee.name);
  const spec = binding?.path;
  if (!spec?.isImportSpecifier()) return false;
  const from = (spec.parentPath.node as t.ImportDeclaration).source.value;
  const name = importedName(spec.node);
  return RUNTIME_MODULES.test(from) && (name === "defineComponent" || name === "defineView");
}

/** How deep objects nest in a literal of literals (`["a"]` is 1); Infinity when not such a literal. */
function literalDepth(node: t.Node | null | undefined): number {
  if (!node) return 0;
  switch (node.type) {
    case "StringLiteral":
    case "NumericLiteral":
    case "BooleanLiteral":
    case "NullLiteral":
    case "BigIntLiteral":
    case "TemplateLiteral":
      return node.type === "TemplateLiteral" && node.expressions.length > 0 ? Infinity : 0;
    case "TSAsExpression":
    case "TSSatisfiesExpression":
      return literalDepth(node.expression);
    case "ArrayExpression":
      return 1 + Math.max(0, ...node.elements.map((e) => (e && e.type !== "SpreadElement" ? literalDepth(e) : Infinity)));
    case "ObjectExpression":
      return 1 + Math.max(0, ...node.properties.map((p) => (p.type === "ObjectProperty" && !p.computed ? literalDepth(p.value) : Infinity)));
    default:
      return Infinity;
  }
}

function importedName(spec: t.ImportSpecifier): string {
  return spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
}

/** A call of a pure global function (`String(x)`, `JSON.stringify(x)`): it changes no argument. */
function isPureCallOf(call: NodePath): boolean {
  const node = call.node as t.CallExpression;
  const callee = node.callee;
  if (callee.type === "Identifier" && !call.scope.getBinding(callee.name)) return isPureGlobalCall(callee.name) || isPureGlobalConstructor(callee.name, node.arguments.length);
  if (callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier" && callee.property.type === "Identifier" && !call.scope.getBinding(callee.object.name)) {
    return isPureGlobalMember(callee.object.name, callee.property.name);
  }
  return false;
}

/** A reference that lets the object out: stored in another object, or passed to a call. */
function escapes(ref: NodePath): boolean {
  const parent = ref.parentPath;
  if (!parent) return false;
  if (parent.isArrayExpression() || parent.isSpreadElement()) return true;
  if (parent.isObjectProperty() && ref.key === "value") return true;
  if (parent.isAssignmentExpression() && ref.key === "right" && parent.node.left.type !== "Identifier") return true;
  if ((parent.isCallExpression() || parent.isNewExpression()) && ref.listKey === "arguments") return !isPureCallOf(parent);
  if (parent.isReturnStatement() || parent.isArrowFunctionExpression()) return true;
  return false;
}

interface BodyState {
  facts: ModuleFacts;
  analyzer: DepsAnalyzer;
  acc: Deps;
  boundary: NodePath;
  skip: Binding | null;
  fn: NodePath<t.Function> | null;
}

function inside(binding: Binding, state: BodyState): boolean {
  return binding === state.skip || isWithin(binding.path, state.boundary) || (state.fn !== null && isWithin(binding.path, state.fn));
}

/** A read of something outside the boundary: resolved as a slot would resolve it. */
function visitReference(p: NodePath<t.Identifier | t.JSXIdentifier>, state: BodyState): void {
  const name = p.node.name;
  if (isGeneratedName(name)) return;
  const binding = p.scope.getBinding(name);
  if (binding && inside(binding, state)) return;
  const { analyzer, acc } = state;
  if (p.isJSXIdentifier()) {
    if (!binding && /^[a-z]/.test(name)) return;
    if (!binding) {
      acc.markDirty(`uses <${name}>, which is not defined`);
      return;
    }
    analyzer.collectComponentName(p, acc);
    return;
  }
  // Extend `a.b.c` upwards so closures keep path precision; a call is checked as in a slot.
  let top: NodePath = p;
  while ((top.parentPath?.isMemberExpression() || top.parentPath?.isOptionalMemberExpression()) && top.key === "object") top = top.parentPath;
  const call = top.parentPath;
  if (call && (call.isCallExpression() || call.isOptionalCallExpression() || call.isNewExpression()) && top.key === "callee") {
    if (!state.fn && binding && top !== p && binding.scope.getFunctionParent() !== null && state.facts.isFresh(binding)) {
      // `rows.push(x)` in a statement of the render changes the local `rows`, which its own
      // analysis takes in; here it is only read.
      analyzer.collect(p, acc);
      return;
    }
    // The callee is checked as in a slot; the arguments are visited by the traversal.
    analyzer.collectCalleeOf(call as NodePath<t.CallExpression>, acc);
    return;
  }
  if (top !== p) analyzer.collectMember(top, acc, false);
  else analyzer.collect(p, acc);
}

/** Calls, writes and `this` inside the boundary, whose targets are the boundary's own. */
function checkNode(p: NodePath, state: BodyState): void {
  const { acc, facts } = state;
  const node = p.node;
  if (p.isThisExpression()) {
    const fn = p.getFunctionParent();
    if (!fn || fn.isArrowFunctionExpression() || fn === state.fn || (state.fn && isWithin(fn, state.fn))) acc.markDirty("reads `this`");
    return;
  }
  if (p.isAwaitExpression() || p.isYieldExpression()) {
    if (state.fn) acc.markDirty("awaits while rendering");
    return;
  }
  if (p.isAssignmentExpression() || p.isUpdateExpression() || p.isUnaryExpression({ operator: "delete" })) {
    const target = (p.isAssignmentExpression() ? p.get("left") : p.get("argument")) as NodePath;
    checkWrite(target, state);
    return;
  }
  if ((p.isCallExpression() || p.isOptionalCallExpression() || p.isNewExpression()) && node) {
    const callee = p.get("callee") as NodePath;
    if (callee.isIdentifier()) {
      const binding = callee.scope.getBinding(callee.node.name);
      if (!binding || !inside(binding, state) || isGeneratedName(callee.node.name)) return; // checked as a reference
      if (!facts.functionOf(binding)) acc.markDirty(`calls \`${callee.node.name}\`, which is not a function the compiler can see`);
      return;
    }
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      let root: NodePath = callee;
      let depth = 0;
      while (root.isMemberExpression() || root.isOptionalMemberExpression()) {
        root = root.get("object") as NodePath;
        depth++;
      }
      if (!root.isIdentifier()) return; // a call on a computed value: its parts are checked
      const binding = root.scope.getBinding(root.node.name);
      if (!binding || !inside(binding, state)) return; // checked as a reference
      const property = (callee.node as t.MemberExpression).property;
      const name = property.type === "Identifier" && !(callee.node as t.MemberExpression).computed ? property.name : null;
      const args = (node as t.CallExpression).arguments.length;
      if (name !== null && isPureMethod(name, args) && !p.isNewExpression()) return;
      if (depth === 1 && facts.isFresh(binding)) return; // `rows.push(x)` on a local array
      acc.markDirty(`calls ${facts.code(callee.node)}(), which may change an object the code did not make`);
      return;
    }
  }
}

function checkWrite(target: NodePath, state: BodyState): void {
  const { acc, facts } = state;
  if (target.isIdentifier()) {
    const binding = target.scope.getBinding(target.node.name);
    if (binding && inside(binding, state)) return;
    // A write to a local of the enclosing render from one of its statements is that local's
    // own change; from a function, it is a side effect.
    if (binding && !state.fn && binding.scope.getFunctionParent() !== null) return;
    acc.markDirty(`assigns \`${target.node.name}\`, which is not its own`);
    return;
  }
  if (target.isMemberExpression() || target.isOptionalMemberExpression()) {
    const object = target.get("object") as NodePath;
    if (object.isIdentifier()) {
      const binding = object.scope.getBinding(object.node.name);
      if (binding && inside(binding, state) && (binding === state.skip || facts.isFresh(binding))) return;
      if (binding && !state.fn && binding.scope.getFunctionParent() !== null && facts.isFresh(binding)) return;
    }
    acc.markDirty(`changes ${facts.code(target.node)} in place, on an object the compiler cannot prove the code made`);
    return;
  }
  // Destructuring assignment: every target in it.
  if (target.isObjectPattern() || target.isArrayPattern()) {
    acc.markDirty("destructures into existing variables while rendering");
  }
}

/** The calls, writes and `this` of a body that `checkNode` looks at (a `UnaryExpression` only as `delete`). */
const CHECKED_NODES = new Set([
  "ThisExpression", "AwaitExpression", "YieldExpression", "AssignmentExpression", "UpdateExpression", "CallExpression",
  "OptionalCallExpression", "NewExpression",
]);

/**
 * The nodes of a body the analysis looks at, as a traversal with a `ReferencedIdentifier` visitor
 * and one for the checked nodes would visit them (a node it would pass over gets no path).
 */
function isBodyNode(node: t.Node, parent: t.Node, grandparent: t.Node | null): boolean {
  if (node.type === "Identifier" || node.type === "JSXIdentifier") return isReferencedIdentifierNode(node, parent, grandparent);
  if (node.type === "UnaryExpression") return node.operator === "delete";
  return CHECKED_NODES.has(node.type);
}

function visitBodyNode(p: NodePath, state: BodyState): void {
  if (p.node.type === "Identifier" || p.node.type === "JSXIdentifier") visitReference(p as NodePath<t.Identifier | t.JSXIdentifier>, state);
  else checkNode(p, state);
}
