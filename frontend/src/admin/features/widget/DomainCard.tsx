// «Свой домен»: the company's own domain for the widget. The owner names it, creates the records
// listed (ownership first, then the one pointing it at the platform) and asks for a check, whose
// verdict says what was found instead when something is wrong. A plan without custom domains is
// told which plan has them.
import type { DnsRecordView, DomainView } from '@aimax/backend/contracts';
import { Check, Copy, Globe, RefreshCw } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '@/lib/api';
import { formatDate, formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Badge, type BadgeTone } from '@/lib/ui/Badge';
import { Button, ButtonLink, IconButton } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import { TextField } from '@/lib/ui/TextField';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';

const text = t.widget.domain;
const tones: Record<DomainView['status'], BadgeTone> = {
  pending: 'warning',
  verified: 'success',
  misconfigured: 'danger',
};

const loadDomain = async (signal: AbortSignal) => (await api.domain.get(signal)).domain;

export function DomainCard({ available, unlockedBy, onChange }: DomainCardProps) {
  return (
    <Card aria-labelledby="widget-domain-title">
      <CardHeader titleId="widget-domain-title" title={text.title} description={text.description} />
      <div className="px-5 py-5">
        {available ? (
          <DomainSection onChange={onChange} />
        ) : (
          <Alert tone="info" title={text.unavailableTitle}>
            <p>{text.unavailableText(unlockedBy)}</p>
            <ButtonLink to={sections.billing.path} variant="secondary" size="sm" className="mt-3">
              {text.plans}
            </ButtonLink>
          </Alert>
        )}
      </div>
    </Card>
  );
}

interface DomainCardProps {
  available: boolean;
  /** The plan that has custom domains. */
  unlockedBy: string;
  /** A claim, check or removal happened: the snippet may now load from elsewhere. */
  onChange(): void;
}

function DomainSection({ onChange }: { onChange(): void }) {
  const loaded = useResource(loadDomain);
  const [domain, setDomain] = useState<DomainView | null | undefined>(undefined);
  const current = domain === undefined ? loaded.data : domain;
  const update = (next: DomainView | null) => {
    setDomain(next);
    onChange();
  };

  return loaded.error ? (
    <Alert title={t.errors.loadFailed} onRetry={loaded.reload}>
      {loaded.error.message}
    </Alert>
  ) : current === undefined ? (
    <Skeleton className="h-10 w-full max-w-md rounded-lg" />
  ) : current === null ? (
    <ClaimForm onClaimed={update} />
  ) : (
    <DomainStatus domain={current} onChange={update} />
  );
}

function ClaimForm({ initial = '', onClaimed }: { initial?: string; onClaimed(domain: DomainView | null): void }) {
  const [hostname, setHostname] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onClaimed((await api.domain.claim({ hostname })).domain);
    } catch (failure) {
      setError(failure instanceof ApiError ? (failure.fields.hostname ?? failure.message) : t.errors.unexpected);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="max-w-xl">
      <TextField
        name="hostname"
        label={text.label}
        value={hostname}
        onChange={(event) => setHostname(event.target.value)}
        error={error}
        hint={text.hint}
        placeholder={text.placeholder}
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        action={
          <Button type="submit" icon={Globe} loading={busy}>
            {text.connect}
          </Button>
        }
      />
    </form>
  );
}

function DomainStatus({ domain, onChange }: { domain: DomainView; onChange(domain: DomainView | null): void }) {
  const [checking, setChecking] = useState(false);
  const [changing, setChanging] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const check = async () => {
    setChecking(true);
    setFailure(null);
    try {
      onChange((await api.domain.check()).domain);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : t.errors.unexpected);
    } finally {
      setChecking(false);
    }
  };

  const remove = async () => {
    await api.domain.remove();
    toast(text.removed);
    onChange(null);
  };

  if (changing) return <ClaimForm initial={domain.display} onClaimed={onChange} />;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Globe aria-hidden size={18} className="text-zinc-400" />
        <span className="font-mono text-[15px] font-medium break-all text-zinc-900">{domain.display}</span>
        <Badge tone={tones[domain.status]} dot>
          {text.status[domain.status]}
        </Badge>
        <span className="text-[13px] text-zinc-500">
          {domain.checkedAt ? text.checked(formatDateTime(domain.checkedAt)) : text.notChecked}
        </span>
      </div>
      {domain.status === 'verified' && domain.disableAt ? (
        <div role="status" className="rounded-lg bg-amber-50 px-3 py-2.5 text-[13px] text-amber-900">
          <p>{domain.problem}</p>
          <p className="mt-1 font-medium">{text.failing(formatDate(domain.disableAt))}</p>
        </div>
      ) : domain.status === 'verified' ? (
        <p className="rounded-lg bg-emerald-50 px-3 py-2.5 text-[13px] text-emerald-800">
          {text.verifiedText(domain.display)}
        </p>
      ) : (
        domain.problem && (
          <p
            role="status"
            className={
              domain.status === 'misconfigured'
                ? 'rounded-lg bg-red-50 px-3 py-2.5 text-[13px] text-red-800'
                : 'rounded-lg bg-amber-50 px-3 py-2.5 text-[13px] text-amber-900'
            }
          >
            {domain.problem}
          </p>
        )
      )}
      {failure && (
        <p role="alert" className="text-[13px] text-red-600">
          {failure}
        </p>
      )}
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">{text.recordsTitle}</h3>
        <p className="mt-1 text-[13px] text-zinc-500">{domain.apex ? text.apexHint : text.recordsHint}</p>
        <RecordsTable records={domain.records} />
      </div>
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">{text.registrarsTitle}</h3>
        <dl className="mt-2 grid gap-x-6 gap-y-2 text-[13px] leading-relaxed sm:grid-cols-3">
          {text.registrars.map((registrar) => (
            <div key={registrar.name}>
              <dt className="inline font-medium text-zinc-800">{registrar.name}: </dt>
              <dd className="inline text-zinc-600">{registrar.text}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="flex flex-wrap gap-2 border-t border-zinc-100 pt-5">
        <Button icon={RefreshCw} loading={checking} onClick={check}>
          {text.check}
        </Button>
        <Button variant="secondary" onClick={() => setChanging(true)}>
          {text.change}
        </Button>
        <Button variant="ghost" className="text-red-700 hover:text-red-800" onClick={() => setRemoving(true)}>
          {text.remove}
        </Button>
      </div>
      <ConfirmDialog
        open={removing}
        onClose={() => setRemoving(false)}
        title={text.removeConfirm.title}
        description={text.removeConfirm.text(domain.display)}
        confirmLabel={text.removeConfirm.confirm}
        tone="danger"
        onConfirm={remove}
      />
    </div>
  );
}

function RecordsTable({ records }: { records: DnsRecordView[] }) {
  return (
    <div className="mt-3 overflow-x-auto rounded-lg border border-zinc-200">
      <table className="w-full text-left text-[13px]">
        <thead className="bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <th className="px-3 py-2 font-medium">{text.type}</th>
            <th className="px-3 py-2 font-medium">{text.name}</th>
            <th className="px-3 py-2 font-medium">{text.value}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {records.map((record) => (
            <tr key={`${record.type} ${record.value}`}>
              <td className="px-3 py-2 font-mono font-medium text-zinc-800">{record.type}</td>
              <td className="px-3 py-2">
                <Copyable value={record.name} />
              </td>
              <td className="px-3 py-2">
                <Copyable value={record.value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Copyable({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard here: the value is on screen to select by hand.
    }
  };
  return (
    <span className="flex items-center gap-1.5">
      <span className="font-mono break-all text-zinc-800">{value}</span>
      <IconButton icon={copied ? Check : Copy} label={text.copy(value)} onClick={copy} />
    </span>
  );
}
