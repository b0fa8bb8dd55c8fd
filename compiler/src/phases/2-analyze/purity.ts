/**
 * What the analysis knows to be pure: the standard globals, their members and the methods whose
 * result is a function of their receiver and arguments alone. Everything here is an allowlist:
 * a global, member or method that is not named is not proven, and a slot that uses it is
 * evaluated on every render.
 */

/** Global values that never change. */
const CONSTANT_GLOBALS = new Set(["undefined", "NaN", "Infinity"]);

/** Global functions that return the same result for the same arguments, called without `new`. */
const PURE_FUNCTIONS = new Set([
  "String", "Number", "Boolean", "BigInt", "parseInt", "parseFloat", "isNaN", "isFinite",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "structuredClone", "Array",
]);

/** Global constructors whose instances depend on their arguments alone. `Date` needs one. */
const PURE_CONSTRUCTORS = new Set([
  "Map", "Set", "Array", "Object", "RegExp", "Error", "TypeError", "RangeError", "URL", "URLSearchParams",
  "TextEncoder", "TextDecoder", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "ArrayBuffer", "Date",
]);

const MATH = [
  "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh", "exp",
  "expm1", "floor", "fround", "hypot", "imul", "log", "log10", "log1p", "log2", "max", "min", "pow", "round", "sign",
  "sin", "sinh", "sqrt", "tan", "tanh", "trunc", "E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2",
];

/** Members of globals that are pure functions or constants (`Math.random`, `Date.now` are not). */
const PURE_MEMBERS: Readonly<Record<string, ReadonlySet<string>>> = {
  Math: new Set(MATH),
  JSON: new Set(["stringify", "parse"]),
  Object: new Set(["keys", "values", "entries", "fromEntries", "is", "hasOwn", "getOwnPropertyNames"]),
  Array: new Set(["isArray", "from", "of"]),
  Number: new Set([
    "isInteger", "isFinite", "isNaN", "isSafeInteger", "parseFloat", "parseInt", "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER",
    "EPSILON", "MAX_VALUE", "MIN_VALUE", "POSITIVE_INFINITY", "NEGATIVE_INFINITY", "NaN",
  ]),
  String: new Set(["fromCharCode", "fromCodePoint", "raw"]),
  Date: new Set(["UTC", "parse"]),
  // Constructors only: `new Intl.NumberFormat(locale, options)`; their formatting methods are
  // pure when given the value to format (see PURE_METHODS).
  Intl: new Set(["DateTimeFormat", "NumberFormat", "PluralRules", "RelativeTimeFormat", "ListFormat", "Collator", "DisplayNames"]),
};

/**
 * Methods that read their receiver and arguments and change nothing. Called on a value the
 * compiler cannot type, a name is a promise about the built-in types (strings, numbers, arrays,
 * maps, sets, dates, URLs, Intl formatters); a user class that reuses one of these names for a
 * method with side effects is outside what the compiler can see.
 */
const PURE_METHODS = new Set([
  // strings
  "at", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "includes", "indexOf", "lastIndexOf",
  "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll", "search",
  "slice", "split", "startsWith", "substring", "substr", "toLowerCase", "toUpperCase", "toLocaleLowerCase",
  "toLocaleUpperCase", "trim", "trimStart", "trimEnd", "toString", "valueOf", "toLocaleString",
  // numbers
  "toFixed", "toPrecision", "toExponential",
  // arrays (callbacks are analysed like any function)
  "every", "filter", "find", "findIndex", "findLast", "findLastIndex", "flat", "flatMap", "forEach", "join", "keys",
  "map", "reduce", "reduceRight", "some", "toReversed", "toSorted", "toSpliced", "with", "entries", "values",
  // maps, sets, URLSearchParams
  "get", "has", "getAll",
  // dates
  "getTime", "getFullYear", "getMonth", "getDate", "getDay", "getHours", "getMinutes", "getSeconds", "getMilliseconds",
  "getUTCFullYear", "getUTCMonth", "getUTCDate", "getUTCDay", "getUTCHours", "getUTCMinutes", "getUTCSeconds",
  "getUTCMilliseconds", "getTimezoneOffset", "toISOString", "toDateString", "toTimeString", "toLocaleDateString",
  "toLocaleTimeString", "toJSON", "toUTCString",
  // Intl formatters: `format()` without a value formats the current time, so one is required
  "format", "formatToParts", "formatRange", "select", "compare", "resolvedOptions", "of",
  "hasOwnProperty", "propertyIsEnumerable",
]);

/** Methods that are pure only when given at least one argument. */
const NEEDS_ARGUMENT = new Set(["format", "formatToParts"]);

/**
 * Methods known to change their receiver, named in the error a render gets for calling one on
 * an assign, with the copy to use instead where the language has one.
 */
export const MUTATING_METHOD_COPIES: Readonly<Record<string, string | null>> = {
  sort: "toSorted", reverse: "toReversed", splice: "toSpliced", push: null, pop: null, shift: null, unshift: null,
  fill: null, copyWithin: null, set: null, add: null, delete: null, clear: null, append: null,
};

export function isConstantGlobal(name: string): boolean {
  return CONSTANT_GLOBALS.has(name);
}

/** `String(x)`, `parseInt(x)`: a global function pure in its arguments. */
export function isPureGlobalCall(name: string): boolean {
  return PURE_FUNCTIONS.has(name);
}

/** `new Map(x)`, `new Date(x)` (not `new Date()`, which reads the clock). */
export function isPureGlobalConstructor(name: string, argCount: number): boolean {
  return PURE_CONSTRUCTORS.has(name) && (name !== "Date" || argCount > 0);
}

/** `Math.max`, `JSON.stringify`, `Intl.NumberFormat`. */
export function isPureGlobalMember(name: string, member: string): boolean {
  return PURE_MEMBERS[name]?.has(member) ?? false;
}

/** `x.toUpperCase()`, `rows.filter(…)`, `fmt.format(n)`. */
export function isPureMethod(name: string, argCount: number): boolean {
  return PURE_METHODS.has(name) && (argCount > 0 || !NEEDS_ARGUMENT.has(name));
}
