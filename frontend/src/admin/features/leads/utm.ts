// UTM tags come back from the database in its own key order; people read them in the order
// campaigns are set up: source, medium, campaign, then the rest.
const ORDER = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

const rank = (name: string) => {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
};

/** The tags as [name, value] pairs: the five standard ones in their usual order, others after by name. */
export function utmTagsOf(utm: Record<string, string>): Array<[string, string]> {
  return Object.entries(utm).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
