import { t } from '@/lib/i18n';
import { ComingSoon } from '../../components/ComingSoon';
import { sections } from '../../navigation';

export function BrandingPage() {
  return <ComingSoon section={sections.branding} text={t.sections.branding} />;
}
