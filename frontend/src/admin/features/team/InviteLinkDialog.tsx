// Creating an invite link: choose the role, get the link. The server keeps only the link's hash,
// so this dialog is the one chance to copy it.
import type { CreatedInviteView } from '@aimax/backend/contracts';
import { Check, Copy, Link2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { api, type TenantRole, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { RolePicker } from './RolePicker';

interface InviteLinkDialogProps {
  open: boolean;
  onClose(): void;
  onCreated(): void;
}

export function InviteLinkDialog({ open, onClose, onCreated }: InviteLinkDialogProps) {
  const [role, setRole] = useState<TenantRole>('manager');
  const [created, setCreated] = useState<CreatedInviteView | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setRole('manager');
    setCreated(null);
    setError(null);
    onClose();
  };

  const create = async () => {
    setCreating(true);
    setError(null);
    try {
      setCreated(await api.team.createInvite({ role }));
      onCreated();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setCreating(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={creating}
      title={t.team.inviteDialog.title}
      description={t.team.inviteDialog.text}
    >
      {created ? (
        <>
          <CopyLink url={created.url} />
          <Alert tone="info" className="mt-4">
            {t.team.inviteDialog.once}
          </Alert>
          <DialogActions>
            <Button onClick={close}>{t.team.inviteDialog.done}</Button>
          </DialogActions>
        </>
      ) : (
        <>
          {error && <Alert className="mb-4">{error}</Alert>}
          <RolePicker label={t.team.inviteDialog.roleLabel} value={role} onChange={setRole} />
          <DialogActions>
            <Button variant="secondary" onClick={close} disabled={creating}>
              {t.common.cancel}
            </Button>
            <Button icon={Link2} loading={creating} onClick={create}>
              {t.team.inviteDialog.submit}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

function CopyLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  // The button that created the link is gone; the next thing to do is to copy it.
  useEffect(() => copyButton.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      // No clipboard access (an insecure origin, a denied permission): let the user copy by hand.
      input.current?.select();
      setState('failed');
    }
  };

  return (
    <div>
      <label htmlFor="invite-link" className="mb-1.5 block text-sm font-medium text-zinc-800">
        {t.team.inviteDialog.linkLabel}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id="invite-link"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="focus:border-brand-500 focus:ring-brand-500/15 h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 font-mono text-[13px] text-zinc-700 outline-none focus:ring-4"
        />
        <Button
          ref={copyButton}
          variant={state === 'copied' ? 'secondary' : 'primary'}
          icon={state === 'copied' ? Check : Copy}
          onClick={copy}
        >
          {state === 'copied' ? t.team.inviteDialog.copied : t.team.inviteDialog.copy}
        </Button>
      </div>
      <p aria-live="polite" className="mt-1.5 text-[13px] text-red-600">
        {state === 'failed' && t.team.inviteDialog.copyFailed}
      </p>
    </div>
  );
}
