/** `text` with LIKE's wildcards (`%`, `_`) and its escape character taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An ILIKE pattern matching `search` anywhere, or undefined when it is blank (no filter). */
export function containsPattern(search: string | undefined): string | undefined {
  const term = search?.trim();
  return term ? `%${escapeLike(term)}%` : undefined;
}
