/** The longest visitor-supplied address we keep (a page's URL with its query, a referrer). */
export const WEB_URL_MAX_LENGTH = 2000;

/**
 * A visitor-supplied address as we store it: an absolute `http:` or `https:` URL, normalised, no
 * longer than WEB_URL_MAX_LENGTH; anything else (`javascript:`, `data:`, relative or broken) is
 * null. What is shown to managers as a link is then a web page, whoever renders it.
 */
export function webUrlOrNull(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Credentials in a page's address are the visitor's secret, not a lead's detail.
  url.username = '';
  url.password = '';
  return url.href.length <= WEB_URL_MAX_LENGTH ? url.href : null;
}
