import { t } from '@/lib/i18n';
import { ComingSoon } from '../../components/ComingSoon';
import { sections } from '../../navigation';

export function BillingPage() {
  return <ComingSoon section={sections.billing} text={t.sections.billing} />;
}
