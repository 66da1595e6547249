// The journal shows the newest deliveries and grows by «Показать ещё». It reloads them all at
// once (to refresh the ones still waiting), while the API serves at most 200 a request.

/** The most deliveries one request may ask for. */
export const MOST_PER_REQUEST = 200;

interface Page<T> {
  deliveries: T[];
  total: number;
}

/**
 * The first `count` deliveries, asked for in requests of up to 200. One that arrives between
 * the requests pushes the rest down a place, so a delivery may come twice: it is kept once.
 */
export async function loadFirst<T extends { id: string }>(
  count: number,
  page: (window: { offset: number; limit: number }) => Promise<Page<T>>,
): Promise<Page<T>> {
  const deliveries: T[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let offset = 0; offset < count; offset += MOST_PER_REQUEST) {
    const limit = Math.min(MOST_PER_REQUEST, count - offset);
    const result = await page({ offset, limit });
    total = result.total;
    for (const delivery of result.deliveries) {
      if (seen.has(delivery.id)) continue;
      seen.add(delivery.id);
      deliveries.push(delivery);
    }
    if (result.deliveries.length < limit) break;
  }
  return { deliveries, total };
}
