import { t } from '@/lib/i18n';
import { ComingSoon } from '../../components/ComingSoon';
import { sections } from '../../navigation';

export function KnowledgePage() {
  return <ComingSoon section={sections.knowledge} text={t.sections.knowledge} />;
}
