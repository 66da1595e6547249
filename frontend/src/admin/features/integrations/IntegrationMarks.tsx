// Each integration's sign beside its title, in colours close to the service's own, so the cards
// are told apart at a glance. The journal's channel icons are the same pictures.
import { ChartNoAxesColumnIncreasing, Handshake, type LucideIcon, Send, Webhook } from 'lucide-react';
import { cx } from '@/lib/ui/cx';

function Mark({ icon: Icon, className }: { icon: LucideIcon; className: string }) {
  return (
    <span aria-hidden className={cx('flex size-6 items-center justify-center rounded-md text-white', className)}>
      <Icon size={13} />
    </span>
  );
}

export const TelegramMark = () => <Mark icon={Send} className="bg-sky-500 [&>svg]:-ml-px" />;
export const AmoCrmMark = () => <Mark icon={Handshake} className="bg-blue-600" />;
export const WebhookMark = () => <Mark icon={Webhook} className="bg-violet-600" />;
export const MetrikaMark = () => <Mark icon={ChartNoAxesColumnIncreasing} className="bg-red-500" />;
