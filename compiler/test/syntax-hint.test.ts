/**
 * A syntax error caused by a JSX expression left open names the brace; other syntax errors keep
 * the parser's message alone.
 */
import { expect, test } from "vitest";
import { compile, CompileError } from "../src/index.js";

function syntaxError(source: string): string {
  try {
    compile(source, { filename: "view.tsx" });
  } catch (error) {
    expect(error).toBeInstanceOf(CompileError);
    return (error as CompileError).diagnostics[0]!.message;
  }
  throw new Error("compiled");
}

test.each([
  ["<p>{count</p>", "{count"],
  ["<ul><li>{a}</li><li>{b</li></ul>", "{b<"],
])("%s names the open brace", (jsx, open) => {
  const source = `export const r = ({ a, b, count }) => ${jsx};\n`;
  expect(syntaxError(source)).toContain(`The \`{\` at 1:${source.indexOf(open) + 1} is not closed`);
});

test.each([
  ["export const x = ;\n"],
  ["export const r = () => <p>{a}</p>;\nconst = 1;\n"],
  ["export const r = (a) => { if (a { return <p /> } };\n"],
])("%j keeps the parser's message alone", (source) => {
  expect(syntaxError(source)).not.toContain("is not closed");
});
