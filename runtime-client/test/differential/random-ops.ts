/**
 * The randomised run's script: a seeded PRNG (so a failure replays exactly) and random list
 * operations that are valid for the list's current length.
 */
import type { Op } from "./random.tsx";

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random op valid for a list of `length` entries (which it updates). */
export function randomOp(random: () => number, state: { length: number; nextId: number }): Op {
  const pick = (n: number) => Math.floor(random() * n);
  const roll = random();
  if (state.length === 0 || roll < 0.25) {
    state.length++;
    const id = state.nextId++;
    return { op: "insert", at: pick(state.length), id, label: `n${id}${"+".repeat(pick(4))}` };
  }
  if (roll < 0.42) {
    state.length--;
    return { op: "delete", at: pick(state.length + 1) };
  }
  if (roll < 0.62) return { op: "move", from: pick(state.length), to: pick(state.length) };
  if (roll < 0.8) return { op: "edit", at: pick(state.length), label: `x${pick(1000)}${"!".repeat(pick(3))}` };
  if (roll < 0.96) return { op: "toggle", at: pick(state.length) };
  if (roll < 0.97) {
    state.length = 0;
    return { op: "clear" };
  }
  return { op: "heading", to: `Random ${pick(100)}` };
}
