import type { MemberView } from '@aimax/backend/contracts';
import { Trash2 } from 'lucide-react';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Avatar } from '@/lib/ui/Avatar';
import { Badge } from '@/lib/ui/Badge';
import { IconButton } from '@/lib/ui/Button';
import { Switch } from '@/lib/ui/Switch';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';

interface MembersTableProps {
  members: MemberView[];
  currentUserId: string;
  onRemove(member: MemberView): void;
  onLeadEmailsChange(member: MemberView, leadEmails: boolean): void;
  /** Members whose setting is being saved. */
  saving: ReadonlySet<string>;
}

export function MembersTable({ members, currentUserId, onRemove, onLeadEmailsChange, saving }: MembersTableProps) {
  const { members: text } = t.team;
  return (
    <Table>
      <thead>
        <tr>
          <Th>{text.name}</Th>
          <Th className="hidden sm:table-cell">{text.email}</Th>
          <Th>{text.role}</Th>
          <Th className="hidden md:table-cell">{text.lastLogin}</Th>
          <Th>{text.leadEmails}</Th>
          <Th className="w-px">
            <span className="sr-only">{text.actions}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const isYou = member.id === currentUserId;
          return (
            <Tr key={member.id}>
              <Td>
                <div className="flex items-center gap-3">
                  <Avatar name={member.name} email={member.email} size="sm" />
                  <div className="min-w-0">
                    <div className="flex items-center gap-2">
                      <span className="font-medium whitespace-nowrap text-zinc-900">
                        {member.name || t.common.noValue}
                      </span>
                      {isYou && <Badge>{t.common.you}</Badge>}
                    </div>
                    {/* Phones have no room for the email column; the address goes under the name. */}
                    <p className="text-xs text-zinc-500 sm:hidden">{member.email}</p>
                  </div>
                </div>
              </Td>
              <Td className="hidden whitespace-nowrap sm:table-cell">{member.email}</Td>
              <Td>
                <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'}>{t.roles[member.role]}</Badge>
              </Td>
              <Td className="hidden whitespace-nowrap text-zinc-500 md:table-cell">
                {member.lastLoginAt ? formatDateTime(member.lastLoginAt) : t.common.never}
              </Td>
              <Td>
                <Switch
                  checked={member.leadEmails}
                  onChange={(leadEmails) => onLeadEmailsChange(member, leadEmails)}
                  disabled={saving.has(member.id)}
                  label={text.leadEmailsLabel(member.name || member.email)}
                  hideLabel
                />
              </Td>
              <Td className="text-right">
                {!isYou && (
                  <IconButton
                    icon={Trash2}
                    tone="danger"
                    label={text.remove(member.name || member.email)}
                    onClick={() => onRemove(member)}
                  />
                )}
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}
