import { t } from '@/lib/i18n';
import { ComingSoon } from '../../components/ComingSoon';
import { sections } from '../../navigation';

export function IntegrationsPage() {
  return <ComingSoon section={sections.integrations} text={t.sections.integrations} />;
}
