import { useEffect } from 'react';
import { t } from './i18n';

/** Names the browser tab after the page: «Команда · AI Max». */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${t.product.name}` : t.product.name;
  }, [title]);
}
