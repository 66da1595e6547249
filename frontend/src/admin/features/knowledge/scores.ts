// Search scores as the owner reads them in «Проверить ответ» and the near misses: a cosine (or a
// threshold one is held to) to two decimals, the Russian way («0,72»).
import { locale } from '@/lib/i18n';

const twoDecimals = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** «0,72»: a similarity from 0 to 1; a negative cosine (nothing alike) reads as 0. */
export const formatSimilarity = (score: number) => twoDecimals.format(Math.max(0, score));
