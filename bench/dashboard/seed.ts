// A company's history for the dashboard benchmark (and for screenshots): `sessions` visitors
// spread over the last `days` days, with the funnel events, daily counts, takeovers and managers'
// replies such traffic leaves. Set-based (generate_series), so 100 000 sessions take seconds.
import { sql } from 'drizzle-orm';
import type { Database } from '../../backend/src/db/database.ts';

/** Of all sessions, the share that reached each step of the default funnel, in order. */
const STEPS: [string, number][] = [
  ['objectType', 0.55],
  ['repairType', 0.47],
  ['area', 0.4],
  ['rooms', 0.34],
  ['replanning', 0.3],
  ['designProject', 0.27],
  ['timing', 0.24],
];
const STARTED = 0.62;
const CONTACTS = 0.12;
const ESTIMATE_PDF = 0.07;
/** Of the started dialogs: the visitor asks for a manager; a manager takes the dialog. */
const ASKED = 0.09;
const TAKEN = 0.07;

export async function seedDashboard(
  db: Database,
  options: { tenantId: string; sessions: number; days: number },
): Promise<void> {
  // A uuid parameter, typed: the unions below would otherwise take it for text.
  const tenant = sql`${options.tenantId}::uuid`;
  const steps = sql.raw(`array[${STEPS.map(([step]) => `'${step}'`).join(', ')}]`);
  const shares = sql.raw(`array[${STEPS.map(([, share]) => share).join(', ')}]`);
  await db.withPlatform({ actorUserId: null, action: 'bench.seed' }, async (tx) => {
    // Each visitor: when they came, how far they got (r) and whether they wanted a person (q).
    await tx.execute(sql`create temporary table seed on commit drop as
      select gen_random_uuid() as id, i,
             now() - random() * make_interval(days => ${options.days}) as at,
             random() as r, random() as q
      from generate_series(1, ${options.sessions}) as i`);
    await tx.execute(sql`insert into chat_sessions (id, tenant_id, visitor_id, token_hash, created_at, updated_at, status, last_seq)
      select id, ${tenant}, 'visitor-' || lpad(i::text, 12, '0'), md5(id::text) || md5(i::text), at, at,
             case when r < ${CONTACTS} then 'completed' else 'active' end, 2
      from seed`);
    // The greeting and the first question of every session, and each answer given.
    await tx.execute(sql`insert into messages (tenant_id, session_id, seq, role, kind, content, data, created_at)
      select ${tenant}, id, 1, 'bot', 'text', 'Здравствуйте! Помогу рассчитать стоимость ремонта.', '{}'::jsonb, at from seed
      union all
      select ${tenant}, id, 2, 'bot', 'question', 'Какой объект ремонтируем?', '{"stepId":"objectType"}'::jsonb, at from seed
      union all
      select ${tenant}, id, 2 + k::int, 'visitor', 'answer', step, jsonb_build_object('stepId', step),
             at + k * interval '25 seconds'
      from seed, unnest(${steps}::text[], ${shares}::float8[]) with ordinality as s(step, share, k)
      where r < share`);
    await tx.execute(sql`insert into funnel_events (tenant_id, session_id, stage, occurred_at)
      select ${tenant}, id, 'opened', at from seed
      union all select ${tenant}, id, 'started', at + interval '20 seconds' from seed where r < ${STARTED}
      union all
      select ${tenant}, id, 'step:' || step, at + k * interval '25 seconds'
      from seed, unnest(${steps}::text[], ${shares}::float8[]) with ordinality as s(step, share, k)
      where r < share
      union all select ${tenant}, id, 'contacts', at + interval '250 seconds' from seed where r < ${CONTACTS}
      union all select ${tenant}, id, 'estimate_pdf', at + interval '280 seconds' from seed where r < ${ESTIMATE_PDF}`);
    await tx.execute(sql`insert into funnel_daily (tenant_id, day, stage, sessions)
      select e.tenant_id, (e.occurred_at at time zone t.timezone)::date, e.stage, count(*)
      from funnel_events e join tenants t on t.id = e.tenant_id
      where e.tenant_id = ${tenant}
      group by 1, 2, 3`);
    // Some visitors ask for a manager; managers take most of those dialogs, and some unasked.
    await tx.execute(sql`insert into dialog_events (tenant_id, session_id, kind, from_state, to_state, created_at)
      select ${tenant}, id, 'operator_requested', 'ai', 'waiting_operator', at + interval '60 seconds'
      from seed where r < ${STARTED} and q < ${ASKED}
      union all
      select ${tenant}, id, 'taken', case when q < ${ASKED} then 'waiting_operator' else 'ai' end, 'operator',
             at + interval '60 seconds' + (10 + q * 3000) * interval '1 second'
      from seed where r < ${STARTED} and q < ${TAKEN}
      union all
      select ${tenant}, id, 'returned', 'operator', 'ai', at + interval '30 minutes'
      from seed where r < ${STARTED} and q < ${TAKEN}`);
    await tx.execute(sql`insert into messages (tenant_id, session_id, seq, role, kind, content, created_at)
      select ${tenant}, id, 20, 'operator', 'text', 'Здравствуйте! Подскажу по смете.',
             at + interval '70 seconds' + (10 + q * 3000) * interval '1 second'
      from seed where r < ${STARTED} and q < ${TAKEN}`);
    await tx.execute(sql`insert into leads (tenant_id, session_id, name, phone, consent_at, answers, raw_answers, estimate, created_at)
      select ${tenant}, id, 'Клиент ' || i, '+7916' || lpad((i % 10000000)::text, 7, '0'), at, '[]', '{}',
             '{"lines":[],"total":500000,"range":{"min":450000,"max":575000}}', at + interval '250 seconds'
      from seed where r < ${CONTACTS}`);
  });
  // Fresh statistics, as autovacuum would have gathered them on a database that grew this big;
  // ANALYZE is the tables' owner's, the role the bench connected as.
  await db.withPlatform({ actorUserId: null, action: 'bench.analyze' }, async (tx) => {
    await tx.execute(sql`select set_config('role', 'none', true)`);
    await tx.execute(sql`analyze chat_sessions, messages, funnel_events, funnel_daily, dialog_events, leads`);
  });
}
