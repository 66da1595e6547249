// Connecting the company's bot: how to make one with @BotFather, and the token it gives. The
// token goes to the server once and is never shown again, so the field is a password field.
import type { TelegramIntegrationView } from '@aimax/backend/contracts';
import { Plug } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { NumberedSteps } from '@/lib/ui/NumberedSteps';
import { TextField } from '@/lib/ui/TextField';

const BOT_FATHER_URL = 'https://t.me/BotFather';

export function ConnectBotForm({ onConnected }: { onConnected(view: TelegramIntegrationView): void }) {
  const text = t.integrations.telegram;
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [connecting, setConnecting] = useState(false);

  const connect = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (connecting) return;
    setConnecting(true);
    setError(undefined);
    try {
      onConnected(await api.integrations.connectTelegram(token.trim()));
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure.fields.token ?? failure.message);
    } finally {
      setConnecting(false);
    }
  };

  const code = (value: string) => (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] text-zinc-800">{value}</code>
  );
  const steps = [
    {
      key: 'open',
      content: (
        <>
          {text.steps.open}{' '}
          <a
            href={BOT_FATHER_URL}
            target="_blank"
            rel="noreferrer"
            className="text-brand-700 hover:text-brand-800 font-medium underline-offset-2 hover:underline"
          >
            @BotFather
          </a>{' '}
          {text.steps.openAfter} {code('/newbot')}. {text.steps.openEnd}
        </>
      ),
    },
    { key: 'copy', content: text.steps.copy },
    { key: 'paste', content: text.steps.paste },
  ];

  return (
    <div className="grid gap-6 px-5 py-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">{text.howTo}</h3>
        <NumberedSteps steps={steps} className="mt-3" />
      </div>
      <form onSubmit={connect} noValidate className="lg:border-l lg:border-zinc-100 lg:pl-6">
        <TextField
          label={text.token}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="123456789:AAH…"
          value={token}
          onChange={(event) => {
            setToken(event.target.value);
            setError(undefined);
          }}
          error={error}
          hint={text.tokenHint}
        />
        <Button type="submit" icon={Plug} loading={connecting} disabled={!token.trim()} className="mt-4">
          {text.connect}
        </Button>
      </form>
    </div>
  );
}
