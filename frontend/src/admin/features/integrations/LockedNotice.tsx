// What a card of an integration the plan does not have shows instead of its settings: the plan
// that has it, and the way to the plans. Its endpoints are not called: they would refuse.
import type { IntegrationsOverview } from '@aimax/backend/contracts';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { ButtonLink } from '@/lib/ui/Button';
import { sections } from '../../navigation';

/** Whether the plan has amoCRM and the webhook, and which plan does. */
export type PlanAccess = { available: IntegrationsOverview['available']; unlockedBy: string };

export function LockedNotice({ plan }: { plan: string }) {
  const text = t.integrations.locked;
  return (
    <div className="px-5 py-5">
      <Alert tone="info" title={text.title}>
        <p>{text.text(plan)}</p>
        <ButtonLink to={sections.billing.path} variant="secondary" size="sm" className="mt-3">
          {text.plans}
        </ButtonLink>
      </Alert>
    </div>
  );
}
