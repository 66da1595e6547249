// A passage as «Проверить ответ» shows it. The index keeps a section's heading (or a pair's
// question) as its first line, for search; the card names it above the text already.
import type { CheckView } from '@/lib/api';

type Passage = Pick<CheckView['passages'][number], 'title' | 'headingPath' | 'content'>;

/** «Цены на ремонт › Ремонт ванной»: the document and the section the passage is from. */
export const passagePlace = (passage: Passage) => [passage.title, ...passage.headingPath].join(' › ');

/** The passage's text without a first line that only repeats its heading or title. */
export function passageText(passage: Passage): string {
  const [first = '', ...rest] = passage.content.split('\n');
  const named = passage.headingPath.at(-1) ?? passage.title;
  return rest.length > 0 && first.trim() === named.trim() ? rest.join('\n').trim() : passage.content;
}
