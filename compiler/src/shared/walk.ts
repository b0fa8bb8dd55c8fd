/**
 * A walk over plain AST nodes, for questions about a subtree that need no scope or path: it
 * visits the same children, in the same order, as Babel's traversal (`VISITOR_KEYS`), without
 * the cost of a `NodePath` and a traversal context per node.
 */
import { types as t, type NodePath } from "@babel/core";

/** What a visit returns: `SKIP` leaves the node's children out, `STOP` ends the walk. */
export const SKIP = 1;
export const STOP = 2;
type Visit = (node: t.Node) => typeof SKIP | typeof STOP | void;

/**
 * Visits every descendant of `root` (not `root` itself, as `path.traverse` does), depth first,
 * parents before children. Returns true when a visit stopped the walk.
 */
export function walkDescendants(root: t.Node, visit: Visit): boolean {
  const keys = t.VISITOR_KEYS[root.type];
  if (!keys) return false;
  for (const key of keys) {
    const child = (root as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof (c as t.Node).type === "string" && walkNode(c as t.Node, visit)) return true;
    } else if (child && typeof (child as t.Node).type === "string" && walkNode(child as t.Node, visit)) return true;
  }
  return false;
}

function walkNode(node: t.Node, visit: Visit): boolean {
  const r = visit(node);
  if (r === STOP) return true;
  if (r === SKIP) return false;
  return walkDescendants(node, visit);
}

/** Whether `root` has a descendant for which `test` holds (not looking inside `prune`d nodes). */
export function hasDescendant(root: t.Node, test: (node: t.Node) => boolean, prune?: (node: t.Node) => boolean): boolean {
  return walkDescendants(root, (n) => (test(n) ? STOP : prune?.(n) ? SKIP : undefined));
}

/**
 * Calls `visit` with the path of each descendant of `root` that `wants` (given the node, its
 * parent and grandparent), parents before children, in the order of Babel's traversal
 * (`root.traverse` with a visitor for those nodes). Only the wanted nodes and their ancestors get
 * paths, made as `path.get` makes them, one at a time; a subtree with nothing wanted in it is
 * walked over its nodes alone. The visit must not change the tree.
 */
export function forEachDescendantPath(root: NodePath, wants: (node: t.Node, parent: t.Node, grandparent: t.Node | null) => boolean, visit: (path: NodePath) => void): void {
  const NodePathClass = root.constructor as unknown as NodePathStatic;
  // The chain from the root down to the node being walked: at depth d, the node, where it sits
  // in its parent, and its path once made (paths are made from the top down, when needed).
  const nodes: t.Node[] = [root.node];
  const containers: unknown[] = [null];
  const listKeys: (string | undefined)[] = [undefined];
  const keys: (string | number)[] = [0];
  const paths: (NodePath | null)[] = [root];
  const pathAt = (depth: number): NodePath => {
    let d = depth;
    while (paths[d] === null) d--;
    for (let path = paths[d]!; d < depth; ) {
      d++;
      path = NodePathClass.get({ parentPath: path, parent: path.node, container: containers[d], listKey: listKeys[d], key: keys[d]! }).setContext((path as unknown as { context: unknown }).context);
      paths[d] = path;
    }
    return paths[depth]!;
  };
  const step = (node: t.Node, depth: number, container: unknown, listKey: string | undefined, key: string | number): void => {
    nodes[depth] = node;
    containers[depth] = container;
    listKeys[depth] = listKey;
    keys[depth] = key;
    paths[depth] = null;
    if (wants(node, nodes[depth - 1]!, depth >= 2 ? nodes[depth - 2]! : (root.parent ?? null))) visit(pathAt(depth));
    walk(node, depth);
  };
  const walk = (node: t.Node, depth: number): void => {
    const visitorKeys = t.VISITOR_KEYS[node.type];
    if (!visitorKeys) return;
    for (const key of visitorKeys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (!child) continue;
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const c = child[i] as t.Node | null;
          if (c && typeof c.type === "string") step(c, depth + 1, child, key, i);
        }
      } else if (typeof (child as t.Node).type === "string") {
        step(child as t.Node, depth + 1, node, undefined, key);
      }
    }
  };
  walk(root.node, 0);
}

interface NodePathStatic {
  get(options: { parentPath: NodePath; parent: t.Node; container: unknown; listKey: string | undefined; key: string | number }): NodePath & { setContext(context: unknown): NodePath };
}

/** `path.isReferencedIdentifier()`, from the nodes: an identifier (or component tag) read as a value. */
export function isReferencedIdentifierNode(node: t.Node, parent: t.Node, grandparent: t.Node | null): boolean {
  if (node.type === "Identifier") return t.isReferenced(node, parent, grandparent ?? undefined);
  if (node.type === "JSXIdentifier") {
    if (parent.type !== "JSXMemberExpression" && t.react.isCompatTag(node.name)) return false;
    return t.isReferenced(node, parent, grandparent ?? undefined);
  }
  return false;
}
