import { Bell, BellOff } from 'lucide-react';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { IconButton } from '@/lib/ui/Button';
import { useSoundStore } from './useSoundStore';

/** The bell beside the page's title: pressed while a waiting dialog chimes. */
export function SoundToggle() {
  const enabled = useSoundStore((state) => state.enabled);
  const setEnabled = useSoundStore((state) => state.setEnabled);
  const text = t.dialogs.sound;
  return (
    <IconButton
      icon={enabled ? Bell : BellOff}
      label={text.label}
      aria-pressed={enabled}
      onClick={() => {
        setEnabled(!enabled);
        toast(enabled ? text.off : text.on);
      }}
      className="border border-zinc-200 bg-white shadow-xs"
    />
  );
}
