/** Text for an ILIKE pattern that matches itself: `%`, `_` and the escape character taken literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);
