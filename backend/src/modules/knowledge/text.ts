// Russian-aware text normalisation for knowledge search, shared by indexing and querying: the
// full-text index stores `to_tsvector('russian', normalizeForSearch(body))`, the query is built from
// `normalizeForSearch(question)`, and the local embedder hashes `searchTokens(text)`. Both sides must
// pass through the same function, or a folded synonym on one side will not meet the word on the other.
//
// Why we fold words ourselves (docs/research.md, «Knowledge base»): the `russian` snowball stemmer
// turns «стоит» into `сто` and «стоимость» into `стоимост`, so «сколько стоит ремонт ванной» does not
// match «Стоимость ремонта ванных комнат»; and «сколько», «какие», «каком» are not in PostgreSQL's
// `russian` stop list, so a question drags them into the tsquery. Thesaurus dictionaries would do
// this inside PostgreSQL but need files in `tsearch_data`, which PGlite and managed databases do not
// give us.
//
// Changing STOP_WORDS or SYNONYMS changes both the stored search text and every local vector: it
// needs a new local embedder model id (`local-ngram-v<N>`, embedder.ts) and a re-index.

/**
 * Question, filler and function words dropped on both sides. PostgreSQL's `russian` stop list already
 * drops most function words from the tsvector, but the local embedder never sees that list, so they
 * are repeated here; the question and politeness words (сколько, какие/каком/какую…, подскажите,
 * пожалуйста, здравствуйте…) are in neither list otherwise. Negations go too: a bag of n-grams cannot
 * tell «с предоплатой» from «без предоплаты» anyway, and the topic word is what retrieval needs.
 * Number words (один, два, три) are not dropped here; PostgreSQL drops them from the tsvector itself.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Prepositions, conjunctions, particles, negations.
  ...wordList(`
    а и в во на с со к ко о об обо у от до по за из для при про под над без через
    же ж ли бы ну вот то но да или не ни нет уж ведь еще уже тоже также если чтобы чтоб
  `),
  // Pronouns.
  ...wordList(`
    я мы вы ты он она оно они мне меня нам нас вам вас вами им их его ее ей него нее ней ним них
    наш наша наше наши нашей нашего нашем нашу ваш ваша ваше ваши вашей вашего вашем вашу вашим вашими
    свой свою своя свое свои это этот эта эти этого этой этом эту тот та те того той том тем
    весь вся все всех всем всеми
  `),
  // Question words. PostgreSQL drops какой and какая, but not сколько, какие, каком, какую… or почему.
  ...wordList(`
    сколько какой какая какое какие какого каком какому какую каким какими каких
    что чего чем кто как где куда когда зачем почему разве
  `),
  // Modal, politeness and filler words of a chat question.
  ...wordList(`
    есть быть был была было были будет можно нужно надо может можете
    хочу хотим хотел хотела хотели интересует интересуют узнать подскажите подскажи скажите скажи
    пожалуйста спасибо здравствуйте здравствуй привет добрый доброе примерно приблизительно вообще просто очень
  `),
]);

// Each group folds words that a visitor and a document use for the same thing onto one canonical
// token, and only where a document about one is a right answer about the other. Forms are listed
// explicitly (no prefixes): a prefix like `сто` would also catch стол, стоянка, сторона.
const SYNONYM_GROUPS: readonly { canonical: string; words: readonly string[] }[] = [
  // Price. The research case: стоит→`сто` and стоимость→`стоимост` never meet, and visitors say
  // «почём», «прайс», «ценник», «во сколько обойдётся» for the same question. The one risk is «стоит
  // ли…» (“is it worth…”), which still lands on the right subject with a price word added.
  {
    canonical: 'цена',
    words: wordList(`
      цена цены цене цену ценой ценою цен ценам ценами ценах
      стоит стоят стоить стоил стоило стоила стоили
      стоимость стоимости стоимостью стоимостей стоимостям стоимостями стоимостях
      почем ценник ценника ценнике ценники ценников
      расценка расценки расценок расценку расценкам расценками расценках
      прайс прайса прайсе прайсу прайсом прайсы прайсов прайслист прайслиста
      обойдется обойдутся
    `),
  },
  // Guarantee. «гарантия» stems to `гарант`, but «гарантийный срок» to `гарантийн` and «гарантируем»
  // to `гарантиру`: the same promise, three lexemes.
  {
    canonical: 'гарантия',
    words: wordList(`
      гарантия гарантии гарантию гарантией гарантий гарантиям гарантиями гарантиях
      гарантийный гарантийная гарантийное гарантийные гарантийного гарантийной
      гарантийному гарантийным гарантийных гарантийными гарантийную гарантийном
      гарантируем гарантирует гарантируете гарантируют гарантировать
    `),
  },
  // Duration: «сроки ремонта», «длительность работ», «продолжительность ремонта» ask the same and
  // stem apart (`срок`, `длительн`, `продолжительн`). «время» is left out: it is also the time of an
  // appointment («в какое время приедет замерщик»).
  {
    canonical: 'срок',
    words: wordList(`
      срок срока сроку сроком сроке сроки сроков срокам сроками сроках
      длительность длительности длительностью
      продолжительность продолжительности продолжительностью
    `),
  },
  // The measuring visit: «замер», «замерщик» (`замерщик`) and «обмер» (`обмер`) are one service.
  {
    canonical: 'замер',
    words: wordList(`
      замер замера замеру замером замере замеры замеров замерам замерами замерах
      замерщик замерщика замерщику замерщиком замерщике замерщики замерщиков
      обмер обмера обмеру обмером обмере обмеры обмеров
    `),
  },
  // Tile: in interior renovation «кафель» is ceramic tile, which documents usually call «плитка».
  {
    canonical: 'плитка',
    words: wordList(`
      плитка плитки плитку плиткой плитке плиток плиткам плитками плитках
      кафель кафеля кафелю кафелем кафеле
    `),
  },
  // Deliberately no bathroom group. «ванна/ванная/ванной/ванных» already stem alike (`ван`) and share
  // most n-grams, and folding the bathtub («установка ванны») onto the room would only blur them for
  // the embedder. «санузел» is not folded onto «ванная» either: price lists often price «санузел» (the
  // separate WC) apart from «ванная комната», and answering one price for the other is the worst
  // mistake the bot can make. A curated Q&A pair covers a company that uses them as one.
];

export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  SYNONYM_GROUPS.flatMap(({ canonical, words }) => words.map((word) => [word, canonical] as const)),
);

function wordList(words: string): string[] {
  return words.trim().split(/\s+/);
}

const INVISIBLE = /[\p{Cf}\p{M}]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * The words of `text` as search sees them: NFKC (so «м²» is «м2»), soft hyphens and stress marks
 * removed, lower case, ё→е, split on anything but letters and digits, stop words dropped and
 * synonyms folded. Empty when nothing is left, e.g. for «и или на» or «!!!».
 */
export function searchTokens(text: string): string[] {
  const words = text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replaceAll('ё', 'е').split(SEPARATORS);
  const tokens: string[] = [];
  for (const word of words) {
    if (word === '' || STOP_WORDS.has(word)) continue;
    tokens.push(SYNONYMS.get(word) ?? word);
  }
  return tokens;
}

/**
 * The text the full-text index and the query see: `searchTokens` joined by spaces. An empty result
 * means the full-text leg has nothing to look for and is skipped. It holds only letters, digits and
 * spaces; build the query with `plainto_tsquery('russian', …)`, since `websearch_to_tsquery` would
 * still read a bare «or» as an operator.
 */
export function normalizeForSearch(text: string): string {
  return searchTokens(text).join(' ');
}
