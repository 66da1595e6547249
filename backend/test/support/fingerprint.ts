// What a tenant has in the database, as one digest per table: taken before and after a request,
// it shows whether the request changed anything of that tenant's.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import type { TestContext } from './app.ts';

/** A digest of the tenant's rows in every table with a `tenant_id` (and its own `tenants` row). */
export async function tenantFingerprint(ctx: TestContext, tenantId: string): Promise<Record<string, string>> {
  return ctx.db.withPlatform({ actorUserId: null, action: 'test.fingerprint' }, async (tx) => {
    const tables = await queryRows<{ name: string; column: string }>(
      tx,
      sql`select table_name as name, column_name as "column" from information_schema.columns
        where table_schema = 'public' and (column_name = 'tenant_id' or (table_name = 'tenants' and column_name = 'id'))`,
    );
    const prints: Record<string, string> = {};
    for (const { name, column } of tables) {
      const [row] = await queryRows<{ print: string }>(
        tx,
        sql`select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as print
            from ${sql.identifier(name)} t where ${sql.identifier(column)} = ${tenantId}`,
      );
      prints[name] = row?.print ?? '';
    }
    return prints;
  });
}
