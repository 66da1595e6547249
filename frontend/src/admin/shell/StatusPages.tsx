import { Compass, ShieldAlert, TriangleAlert } from 'lucide-react';
import { motion } from 'motion/react';
import { t } from '@/lib/i18n';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { Spinner } from '@/lib/ui/Spinner';
import type { Section } from '../navigation';

function forbiddenReason(section: Section): string {
  if (section.roles.includes('manager')) return t.forbidden.companiesOnly;
  if (section.roles.includes('owner')) return t.forbidden.ownersOnly;
  return t.forbidden.platformOnly;
}

export function ForbiddenPage({ section }: { section: Section }) {
  return (
    <Card className="mt-4">
      <EmptyState icon={ShieldAlert} title={t.forbidden.title} description={forbiddenReason(section)}>
        <ButtonLink to="/" variant="secondary">
          {t.common.toHome}
        </ButtonLink>
      </EmptyState>
    </Card>
  );
}

export function NotFoundPage() {
  return (
    <Card className="mt-4">
      <EmptyState icon={Compass} title={t.notFound.title} description={t.notFound.text}>
        <ButtonLink to="/" variant="secondary">
          {t.common.toHome}
        </ButtonLink>
      </EmptyState>
    </Card>
  );
}

/** What the router shows instead of a page that threw while rendering. */
export function CrashPage() {
  return (
    <div className="flex min-h-dvh items-center justify-center p-6">
      <Card className="w-full max-w-lg">
        <EmptyState icon={TriangleAlert} title={t.errors.crashTitle} description={t.errors.crashText}>
          <Button onClick={() => window.location.reload()}>{t.errors.reload}</Button>
        </EmptyState>
      </Card>
    </div>
  );
}

/** While a page's own code is on its way; shown only if that is slow, so a fast one does not flash. */
export function PageLoading() {
  return (
    <motion.div
      initial={{ opacity: 0 }}
      animate={{ opacity: 1 }}
      transition={{ delay: 0.3 }}
      className="flex justify-center py-24"
    >
      <Spinner label={t.common.loading} className="text-zinc-400" />
    </motion.div>
  );
}
