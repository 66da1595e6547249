import { formatPhone } from '@/lib/format';
import { cx } from '@/lib/ui/cx';

interface PhoneLinkProps {
  phone: string;
  className?: string;
}

/** A lead's number, readable and one tap away from a call on a phone. */
export function PhoneLink({ phone, className }: PhoneLinkProps) {
  return (
    <a
      href={`tel:${phone}`}
      // Inside a clickable table row the call is what the click is for, not opening the lead.
      onClick={(event) => event.stopPropagation()}
      className={cx(
        'text-brand-700 hover:text-brand-800 whitespace-nowrap font-medium tabular-nums hover:underline',
        className,
      )}
    >
      {formatPhone(phone)}
    </a>
  );
}
