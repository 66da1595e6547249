import type { DeliveryChannel, DeliveryFilter, DeliveryStatus } from '@/lib/api';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { SegmentedControl } from '@/lib/ui/SegmentedControl';

type All = 'all';

const channels: readonly DeliveryChannel[] = ['email', 'telegram', 'amocrm', 'webhook'];

/** Reads a filter from the address, ignoring values the API would refuse. */
export const parseDeliveryFilter = (params: URLSearchParams): DeliveryFilter => {
  const status = params.get('status');
  const channel = params.get('channel');
  return {
    status: status === 'pending' || status === 'sent' || status === 'failed' ? status : undefined,
    channel: channels.find((known) => known === channel),
  };
};

interface DeliveryFiltersProps {
  filter: DeliveryFilter;
  onChange(filter: DeliveryFilter): void;
  className?: string;
}

/** The channel and the status of the deliveries a list shows, «Все» for either. */
export function DeliveryFilters({ filter, onChange, className }: DeliveryFiltersProps) {
  const text = t.deliveries;
  const channelOptions: ReadonlyArray<{ value: DeliveryChannel | All; label: string }> = [
    { value: 'all', label: text.all },
    ...channels.map((channel) => ({ value: channel, label: t.deliveryChannels[channel] })),
  ];
  const statuses: ReadonlyArray<{ value: DeliveryStatus | All; label: string }> = [
    { value: 'all', label: text.all },
    { value: 'sent', label: text.sent },
    { value: 'pending', label: text.pending },
    { value: 'failed', label: text.failed },
  ];
  return (
    <div className={cx('flex flex-wrap items-center gap-x-4 gap-y-2', className)}>
      <SegmentedControl
        label={text.channelFilter}
        hideLabel
        options={channelOptions}
        value={filter.channel ?? 'all'}
        onChange={(value) => onChange({ ...filter, channel: value === 'all' ? undefined : value })}
      />
      <SegmentedControl
        label={text.statusFilter}
        hideLabel
        options={statuses}
        value={filter.status ?? 'all'}
        onChange={(value) => onChange({ ...filter, status: value === 'all' ? undefined : value })}
      />
    </div>
  );
}
