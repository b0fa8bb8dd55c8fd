/**
 * What the test and its views share: the dev server runs the views in the test's own process, so
 * both see the same `globalThis`. The storage endpoint's address, and the gate of the held writer.
 */
export interface Gate {
  /** While set, every write waits for it. */
  held: Promise<void> | null;
  /** Called when a write starts waiting. */
  onBlocked: (() => void) | null;
  /** How each writer closed ("done", "cancel", "error"), and how many were disposed. */
  closes: string[];
  disposed: number;
}

export interface UploadsTest {
  storage: string;
  gate: Gate;
}

export function shared(): UploadsTest {
  return ((globalThis as { uploadsTest?: UploadsTest }).uploadsTest ??= {
    storage: "",
    gate: { held: null, onBlocked: null, closes: [], disposed: 0 },
  });
}
