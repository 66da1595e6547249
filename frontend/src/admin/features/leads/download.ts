// A file from the API saved by the browser: fetched first, so a refusal (too many leads) is
// told in a toast rather than saved as a file, then handed to the browser under the server's name.
import { ApiError, parseErrorBody } from '@/lib/api';
import { t } from '@/lib/i18n';

/** The name in a Content-Disposition header: RFC 5987's `filename*` first, else `filename`. */
export function fileNameOf(header: string | null, fallback: string): string {
  const encoded = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A broken escape: the plain name below will do.
    }
  }
  return header?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: t.errors.network });
  }
  if (!response.ok) throw parseErrorBody(response.status, await response.json().catch(() => undefined));
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the time the click returns; the URL is let go a little later.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
