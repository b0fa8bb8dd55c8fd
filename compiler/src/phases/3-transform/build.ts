/**
 * Node builders for generated code. Babel's `t.*` builders validate every field, which costs
 * more than the rest of the transform; what is built here is correct by construction.
 */
import type { types as t } from "@babel/core";

const node = <T extends t.Node>(fields: Omit<T, "leadingComments" | "innerComments" | "trailingComments" | "start" | "end" | "loc"> & Partial<T>): T =>
  fields as T;

export const identifier = (name: string): t.Identifier => node<t.Identifier>({ type: "Identifier", name });
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A string of printable ASCII carries its printed form (`extra.raw`), so the generator need not
 * escape it: the same text Babel's `jsesc` call (double quotes, `minimal`) gives it, in which
 * only `"` and `\` get a backslash. Any other string is left to the generator.
 */
export const stringLiteral = (value: string): t.StringLiteral =>
  PRINTABLE_ASCII.test(value)
    ? node<t.StringLiteral>({ type: "StringLiteral", value, extra: { raw: `"${value.replace(/["\\]/g, "\\$&")}"`, rawValue: value } })
    : node<t.StringLiteral>({ type: "StringLiteral", value });
export const numericLiteral = (value: number): t.NumericLiteral => node<t.NumericLiteral>({ type: "NumericLiteral", value });
export const booleanLiteral = (value: boolean): t.BooleanLiteral => node<t.BooleanLiteral>({ type: "BooleanLiteral", value });
export const nullLiteral = (): t.NullLiteral => node<t.NullLiteral>({ type: "NullLiteral" });

export const arrayExpression = (elements: (t.Expression | t.SpreadElement)[]): t.ArrayExpression =>
  node<t.ArrayExpression>({ type: "ArrayExpression", elements });

export const objectExpression = (properties: (t.ObjectProperty | t.SpreadElement)[]): t.ObjectExpression =>
  node<t.ObjectExpression>({ type: "ObjectExpression", properties });

export const objectProperty = (key: t.Identifier | t.StringLiteral, value: t.Expression): t.ObjectProperty =>
  node<t.ObjectProperty>({ type: "ObjectProperty", key, value, computed: false, shorthand: false });

export const spreadElement = (argument: t.Expression): t.SpreadElement => node<t.SpreadElement>({ type: "SpreadElement", argument });

export const callExpression = (callee: t.Expression, args: (t.Expression | t.SpreadElement)[]): t.CallExpression =>
  node<t.CallExpression>({ type: "CallExpression", callee, arguments: args });

export const memberExpression = (object: t.Expression, property: t.Identifier): t.MemberExpression =>
  node<t.MemberExpression>({ type: "MemberExpression", object, property, computed: false });

export const conditionalExpression = (test: t.Expression, consequent: t.Expression, alternate: t.Expression): t.ConditionalExpression =>
  node<t.ConditionalExpression>({ type: "ConditionalExpression", test, consequent, alternate });

export const arrowFunctionExpression = (params: t.ArrowFunctionExpression["params"], body: t.Expression | t.BlockStatement): t.ArrowFunctionExpression =>
  node<t.ArrowFunctionExpression>({ type: "ArrowFunctionExpression", params, body, async: false, expression: body.type !== "BlockStatement" });

export const binaryExpression = (operator: t.BinaryExpression["operator"], left: t.Expression, right: t.Expression): t.BinaryExpression =>
  node<t.BinaryExpression>({ type: "BinaryExpression", operator, left, right });
