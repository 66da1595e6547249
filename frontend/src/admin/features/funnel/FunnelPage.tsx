import { t } from '@/lib/i18n';
import { ComingSoon } from '../../components/ComingSoon';
import { sections } from '../../navigation';

export function FunnelPage() {
  return <ComingSoon section={sections.funnel} text={t.sections.funnel} />;
}
