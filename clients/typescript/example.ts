/**
 * A small program against the typed client, type-checked by the tests (test/api/openapi.test.ts):
 * lists the systems whose warranty has ended, for each client the token's owner may see. The
 * systems come by warranty end, soonest first, a page at a time (the next by its cursor), until
 * one whose warranty has not ended.
 */
import { createTriadClient, type Schemas } from './index.js';

export async function expiredWarranties(baseUrl: string, token: string, today: string): Promise<{ client: string; system: string; warrantyEnd: string }[]> {
  const triad = createTriadClient({ baseUrl, token });
  const me = await triad.GET('/api/me');
  if (me.error) throw new Error(`${me.error.error.code}: ${me.error.error.message}`);
  const page = (clientId: string, cursor: string | null) =>
    triad.GET('/api/clients/{clientId}/estate/systems', { params: { path: { clientId }, query: { sort: 'warrantyEnd', limit: 500, ...(cursor === null ? {} : { cursor }) } } });
  const out: { client: string; system: string; warrantyEnd: string }[] = [];
  for (const client of me.data.clients) {
    let cursor: string | null = null;
    pages: do {
      const res = await page(client.id, cursor);
      if (res.error) throw new Error(res.error.error.message);
      const systems: Schemas['System'][] = res.data.systems;
      for (const s of systems) {
        if (s.warrantyEnd === null || s.warrantyEnd >= today) break pages;
        out.push({ client: client.name, system: s.name, warrantyEnd: s.warrantyEnd });
      }
      cursor = res.data.nextCursor;
    } while (cursor);
  }
  return out;
}
