/**
 * The keyed list's operations, pure, so the view applies them and the test predicts every state
 * from them.
 */
export interface Item {
  id: number;
  label: string;
}

/** The first items. */
export const INITIAL: readonly Item[] = [
  { id: 1, label: "alpha" },
  { id: 2, label: "bravo" },
  { id: 3, label: "charlie" },
  { id: 4, label: "delta" },
  { id: 5, label: "echo" },
  { id: 6, label: "foxtrot" },
];
/** The labels appended items take in turn. */
const MORE = ["golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "november"];

export const ops = {
  /** A fixed permutation: the odd positions reversed, then the even ones (items move both ways). */
  shuffle: (items: readonly Item[]): Item[] => [
    ...items.filter((_, i) => i % 2 === 1).reverse(),
    ...items.filter((_, i) => i % 2 === 0),
  ],
  reverse: (items: readonly Item[]): Item[] => [...items].reverse(),
  removeFirst: (items: readonly Item[]): Item[] => items.slice(1),
  append: (items: readonly Item[], id: number): Item[] => [...items, { id, label: MORE[(id - INITIAL.length - 1) % MORE.length]! }],
  /** Renames the item at position 2 (or the last one) and moves it to the front. */
  editMove: (items: readonly Item[]): Item[] => {
    if (items.length === 0) return [];
    const at = Math.min(2, items.length - 1);
    const item = items[at]!;
    return [{ id: item.id, label: `${item.label}*` }, ...items.slice(0, at), ...items.slice(at + 1)];
  },
};
