// Who of the team gets the bot's alerts: each member's chat, linked, not yet, or blocked (the
// member stopped the bot, so alerts to them stopped too). Members link their own Telegram from
// «Уведомления»; the owner can open that dialog from their own row.
import type { TelegramIntegrationView } from '@aimax/backend/contracts';
import { Ban, CircleCheck, CircleDashed, Link2 } from 'lucide-react';
import { t } from '@/lib/i18n';
import { Avatar } from '@/lib/ui/Avatar';
import { Badge } from '@/lib/ui/Badge';
import { Button } from '@/lib/ui/Button';

type Member = TelegramIntegrationView['members'][number];

interface BotMembersProps {
  members: Member[];
  currentUserId: string;
  onLinkMine(): void;
}

export function BotMembers({ members, currentUserId, onLinkMine }: BotMembersProps) {
  const text = t.integrations.telegram.members;
  return (
    <div className="border-t border-zinc-100">
      <h3 id="telegram-members-title" className="px-5 pt-4 pb-1 text-sm font-semibold text-zinc-900">
        {text.title}
      </h3>
      <ul aria-labelledby="telegram-members-title" className="divide-y divide-zinc-100">
        {members.map((member) => {
          const isYou = member.userId === currentUserId;
          const linked = member.chat !== null && member.chat.blockedAt === null;
          return (
            <li key={member.userId} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3">
              <div className="flex min-w-0 flex-1 items-center gap-3">
                <Avatar name={member.name} email={member.email} size="sm" />
                <div className="min-w-0">
                  <div className="flex items-center gap-2">
                    <span className="truncate text-sm font-medium text-zinc-900">{member.name || member.email}</span>
                    {isYou && <Badge>{t.common.you}</Badge>}
                  </div>
                  {member.name && <p className="truncate text-xs text-zinc-500">{member.email}</p>}
                </div>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <LinkStatus chat={member.chat} />
                {isYou && !linked && (
                  <Button variant="secondary" size="sm" icon={Link2} onClick={onLinkMine}>
                    {text.linkMine}
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="border-t border-zinc-100 px-5 py-3 text-[13px] text-zinc-500">{text.hint}</p>
    </div>
  );
}

function LinkStatus({ chat }: { chat: Member['chat'] }) {
  const text = t.integrations.telegram.members;
  if (!chat) {
    return (
      <span className="inline-flex items-center gap-1.5 text-[13px] text-zinc-500">
        <CircleDashed aria-hidden size={15} className="shrink-0 text-zinc-400" />
        {text.notLinked}
      </span>
    );
  }
  if (chat.blockedAt) {
    return (
      <span className="inline-flex max-w-md items-start gap-1.5 text-[13px] text-red-700">
        <Ban aria-hidden size={15} className="mt-0.5 shrink-0 text-red-500" />
        {chat.blockedReason ? text.blocked(chat.blockedReason) : text.blockedNoReason}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5 text-[13px] text-emerald-700">
      <CircleCheck aria-hidden size={15} className="shrink-0 text-emerald-500" />
      {text.linked(chat.telegramName)}
    </span>
  );
}
