// Connecting a company's amoCRM as the owner's browser does: our authorize URL, the fake's consent
// page, and back to our callback with the code.
import type { FakeAmoCrm } from '../fakes/amocrm.ts';
import type { ApiClient } from './clients.ts';

export async function connectAmoCrm(owner: ApiClient, amo: FakeAmoCrm, subdomain: string) {
  const authorize = await owner.post('/api/integrations/amocrm/authorize');
  if (authorize.statusCode !== 200) throw new Error(`authorize: ${authorize.statusCode} ${authorize.body}`);
  amo.consentFor(subdomain);
  const page = await (await fetch(authorize.json<{ url: string }>().url)).text();
  const back = new URL((/href="([^"]+)"/.exec(page)?.[1] ?? '').replace(/&amp;/g, '&'));
  return owner.get(`${back.pathname}${back.search}`);
}
