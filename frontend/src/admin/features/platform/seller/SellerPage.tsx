// The platform's requisites as the seller: printed on every invoice and encoded in its payment
// QR code. Until they are set no company can be invoiced. Below them, the support contact that
// companies are pointed to.
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { SellerForm } from './SellerForm';
import { SupportForm } from './SupportForm';

const loadSeller = (signal: AbortSignal) => api.platform.seller(signal);
const loadSupport = (signal: AbortSignal) => api.support(signal);

export function SellerPage() {
  const seller = useResource(loadSeller);
  const support = useResource(loadSupport);
  const text = t.platform.seller;
  return (
    <>
      <PageHeader title={text.title} description={text.subtitle} />
      {seller.error && !seller.data && (
        <Alert title={t.errors.loadFailed} onRetry={seller.reload}>
          {seller.error.message}
        </Alert>
      )}
      {!seller.error && !seller.data && <SellerSkeleton />}
      {seller.data && <SellerForm initial={seller.data.seller} />}
      {support.data && <SupportForm initial={support.data.support} />}
    </>
  );
}

function SellerSkeleton() {
  return (
    <Card aria-busy="true">
      {['party', 'bank', 'document'].map((section) => (
        <div key={section} className="space-y-4 border-b border-zinc-100 px-5 py-5 last:border-b-0">
          <Skeleton className="h-4 w-48" />
          <div className="grid gap-5 sm:grid-cols-2">
            {[0, 1, 2, 3].map((field) => (
              <div key={field}>
                <Skeleton className="h-3.5 w-28" />
                <Skeleton className="mt-2 h-10 w-full rounded-lg" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </Card>
  );
}
