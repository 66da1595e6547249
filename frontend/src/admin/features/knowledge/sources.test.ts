import { describe, expect, it } from 'vitest';
import { knowledgeIdsOf, referencedIds } from './sources';

const bot = (data: Record<string, unknown>) => ({ role: 'bot' as const, data });

describe('knowledgeIdsOf', () => {
  it('reads the entries an AI reply drew on', () => {
    expect(knowledgeIdsOf(bot({ replyId: 'r1', knowledge: ['a', 'b'] }))).toEqual(['a', 'b']);
  });

  it('finds none in a reply that drew on nothing, or in what is not a list of ids', () => {
    expect(knowledgeIdsOf(bot({ replyId: 'r1' }))).toEqual([]);
    expect(knowledgeIdsOf(bot({ knowledge: 'a' }))).toEqual([]);
    expect(knowledgeIdsOf(bot({ knowledge: ['a', 3, null, ''] }))).toEqual(['a']);
  });

  it('reads only the bot’s replies', () => {
    expect(knowledgeIdsOf({ role: 'operator', data: { knowledge: ['a'] } })).toEqual([]);
  });
});

describe('referencedIds', () => {
  it('names each entry of the dialog once, in a stable order', () => {
    const messages = [
      bot({ knowledge: ['b', 'a'] }),
      { role: 'visitor' as const, data: {} },
      bot({ knowledge: ['a'] }),
    ];
    expect(referencedIds(messages)).toEqual(['a', 'b']);
  });
});
