import { t } from '@/lib/i18n';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import type { Section } from '../navigation';

/** A section whose features are not built yet: what it is and what it will hold. */
export function ComingSoon({ section, text }: { section: Section; text: string }) {
  return (
    <>
      <PageHeader title={section.label} />
      <Card>
        <EmptyState icon={section.icon} title={t.sections.comingSoon} description={text} className="py-20" />
      </Card>
    </>
  );
}
