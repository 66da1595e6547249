// What a manager can do with a dialog, by who holds it: take it from the AI (or from the queue of
// those waiting), hand it back or close it once it is theirs, or, when a colleague holds it, see
// who and take it from them after a confirmation.
import type { DialogStatusView } from '@aimax/backend/contracts';
import { Bot, CircleCheck, Hand, Headset, UserRoundCheck } from 'lucide-react';
import { useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import type { Holding } from './liveDialog';

interface DialogActionsProps {
  dialogId: string;
  holding: Holding;
  onStatus(status: DialogStatusView): void;
  /** The server refused as the dialog moved meanwhile: it is read again. */
  onStale(): void;
}

type Action = 'take' | 'return' | 'close';

/** The header's buttons. */
export function DialogActions({ dialogId, holding, onStatus, onStale }: DialogActionsProps) {
  const [busy, setBusy] = useState<Action | null>(null);
  const text = t.dialogs.actions;

  const run = async (action: Action) => {
    setBusy(action);
    try {
      if (action === 'take') onStatus(await api.dialogs.take(dialogId, false));
      else if (action === 'return') onStatus(await api.dialogs.returnToBot(dialogId));
      else onStatus(await api.dialogs.close(dialogId));
      toast(text.done[action]);
    } catch (caught) {
      const error = toApiError(caught);
      toast(error.message, 'error');
      if (error.code === 'DIALOG_HELD' || error.code === 'DIALOG_CLOSED') onStale();
    } finally {
      setBusy(null);
    }
  };

  if (holding.kind === 'free') {
    return (
      <Button icon={Hand} loading={busy === 'take'} onClick={() => run('take')}>
        {text.take}
      </Button>
    );
  }
  if (holding.kind !== 'mine') return null;
  return (
    <>
      <Button
        variant="secondary"
        icon={Bot}
        loading={busy === 'return'}
        disabled={busy !== null}
        onClick={() => run('return')}
      >
        {text.return}
      </Button>
      <Button
        variant="secondary"
        icon={CircleCheck}
        loading={busy === 'close'}
        disabled={busy !== null}
        onClick={() => run('close')}
      >
        {text.close}
      </Button>
    </>
  );
}

/** Above the conversation while a colleague holds it: who, and «Забрать себе». */
export function HeldNotice({
  dialogId,
  name,
  onStatus,
}: {
  dialogId: string;
  name: string;
  onStatus(status: DialogStatusView): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const text = t.dialogs.actions;
  return (
    <div className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3">
      <Headset aria-hidden size={18} className="shrink-0 text-amber-600" />
      <div className="min-w-0 flex-1 text-sm text-amber-900">
        <p className="font-semibold">{text.heldBy(name)}</p>
        <p className="mt-0.5 text-amber-800">{text.heldByText}</p>
      </div>
      <Button variant="secondary" icon={UserRoundCheck} onClick={() => setConfirming(true)}>
        {text.takeOver}
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={text.confirmTitle}
        description={text.confirmText(name)}
        confirmLabel={text.takeOver}
        tone="primary"
        onConfirm={async () => {
          onStatus(await api.dialogs.take(dialogId, true));
          toast(text.done.take);
        }}
      />
    </div>
  );
}
