// The frame every integration's card shares: its mark and title (naming the card as a region and
// giving it an anchor, `#metrika`), what it does, whether it is connected, and at the bottom the
// channel's last delivery.
import { Lock } from 'lucide-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Card, CardHeader } from '@/lib/ui/Card';

export type IntegrationId = 'telegram' | 'amocrm' | 'webhook' | 'metrika';

interface IntegrationCardProps {
  id: IntegrationId;
  title: string;
  mark: ReactNode;
  description: string;
  /** Connected or not, as a badge; nothing while that is not known yet. */
  status?: ReactNode;
  /** The last delivery, under everything else. */
  footer?: ReactNode;
  children: ReactNode;
}

export function IntegrationCard({ id, title, mark, description, status, footer, children }: IntegrationCardProps) {
  const card = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  const loaded = Boolean(status);
  // A link to the card (`/admin/integrations#metrika`, from the widget page) brings it into view
  // once it has its content: the browser's own jump came before the page was rendered.
  useEffect(() => {
    if (loaded && hash === `#${id}`) card.current?.scrollIntoView({ block: 'start' });
  }, [loaded, hash, id]);
  return (
    // Clear of the sticky top bar when the page scrolls to the card.
    <Card ref={card} id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20 overflow-hidden">
      <CardHeader
        titleId={`${id}-title`}
        title={
          <span className="flex items-center gap-2">
            {mark}
            {title}
          </span>
        }
        description={description}
        actions={status}
      />
      {children}
      {footer}
    </Card>
  );
}

export type ConnectionState = 'connected' | 'notConnected' | 'reauth';

const tones = { connected: 'success', notConnected: 'neutral', reauth: 'warning' } as const;

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <Badge dot tone={tones[state]}>
      {t.integrations.status[state]}
    </Badge>
  );
}

/** On a card the plan does not have: which plan does. */
export function LockedBadge({ plan }: { plan: string }) {
  return (
    <Badge>
      <Lock aria-hidden size={12} />
      {t.integrations.status.locked(plan)}
    </Badge>
  );
}
