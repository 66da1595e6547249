// Russian nouns take one of three forms after a number (1 сотрудник, 2 сотрудника, 5 сотрудников);
// Intl.PluralRules knows which one a number needs.
const rules = new Intl.PluralRules('ru-RU');

/** Picks the form for `count` from [one, few, many]. */
export function plural(count: number, [one, few, many]: readonly [string, string, string]): string {
  switch (rules.select(count)) {
    case 'one':
      return one;
    case 'few':
      return few;
    default:
      return many;
  }
}
