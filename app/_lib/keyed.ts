/**
 * React keys for a list rendered once from immutable values that have no identity of their
 * own (diff segments, messages, lines of text): the item's content plus how many equal
 * items came before it, so repeated content still gets distinct, stable keys.
 */
export function keyedByContent<T>(items: readonly T[], content: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const text = content(item);
    const n = seen.get(text) ?? 0;
    seen.set(text, n + 1);
    return { key: `${text}#${n}`, item };
  });
}
