import { t } from '@/lib/i18n';
import { ComingSoon } from '../../components/ComingSoon';
import { sections } from '../../navigation';

export function DialogsPage() {
  return <ComingSoon section={sections.dialogs} text={t.sections.dialogs} />;
}
