// The company's vocabulary: the words of its passages, stemmed as full-text search stems them
// (kb_lexemes, migration 0027). A question's word that none of them has is corrected against it,
// so that «гарантйя» finds the passages on «гарантия» through their index, where trigram
// similarity over every passage would read a large price list line by line.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { queryRows, textArray } from '../../db/database.ts';

/** Corrections kept per unknown word: a typo rarely has more than a few plausible readings. */
const CORRECTIONS_PER_WORD = 3;

/** Makes an entry's vocabulary that of its passages as they are now (none, once they are gone). */
export async function refreshVocabulary(tx: Tx, entryId: string): Promise<void> {
  await tx.execute(sql`delete from kb_lexemes where entry_id = ${entryId}`);
  await tx.execute(sql`insert into kb_lexemes (tenant_id, entry_id, lexeme)
    select distinct c.tenant_id, c.entry_id, w.lexeme
    from kb_chunks c cross join lateral unnest(tsvector_to_array(c.tsv)) as w(lexeme)
    where c.entry_id = ${entryId} and c.kind = 'passage' and kb_vocabulary_word(w.lexeme)`);
}

/**
 * The company's words most like each of `lexemes` that its passages do not have, the closest
 * first; a lexeme the passages have, or a number, gets none.
 */
export async function correctionsOf(tx: Tx, lexemes: string[]): Promise<Map<string, string[]>> {
  const corrections = new Map<string, string[]>();
  if (lexemes.length === 0) return corrections;
  const rows = await queryRows<{ word: string; lexeme: string }>(
    tx,
    sql`select word, lexeme from kb_lexeme_corrections(${textArray(lexemes)}, ${CORRECTIONS_PER_WORD})`,
  );
  for (const { word, lexeme } of rows) corrections.set(word, [...(corrections.get(word) ?? []), lexeme]);
  return corrections;
}
