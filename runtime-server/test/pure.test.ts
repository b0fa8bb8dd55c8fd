import { describe, expect, test } from "vitest";
import { pure, pureDeps } from "../src/template.js";

describe("functions marked pure by their compiled module", () => {
  test("deps hold only when every function is marked, and what it relies on too", () => {
    const a = () => 1;
    const b = () => 2;
    const c = () => 3;
    expect(pureDeps([() => a], ["x"])).toBeNull();
    pure(a);
    expect(pureDeps([() => a], ["x"])).toEqual(["x"]);
    pure(b, [() => c]);
    expect(pureDeps([() => a, () => b], ["x"])).toBeNull();
    pure(c, [() => b]);
    expect(pureDeps([() => b], ["x"])).toEqual(["x"]);
  });

  test("an import not yet initialised, or not a function, is not pure", () => {
    expect(pureDeps([() => { throw new ReferenceError("Cannot access 'Flash' before initialization"); }], ["x"])).toBeNull();
    expect(pureDeps([() => undefined], ["x"])).toBeNull();
  });
});
