// Leads and their history as the API answers them.
import { iso } from '../../schemas.ts';
import type { LeadEventView, LeadSummaryView } from './schemas.ts';
import type { Lead, LeadEvent, LeadMember } from './service.ts';

/** The first answers, e.g. «Вторичное жильё · Капитальный · 54 м²». */
const summaryText = (lead: Pick<Lead, 'answers'>) =>
  lead.answers
    .slice(0, 3)
    .map((pair) => pair.answer)
    .join(' · ');

/** The lead as the list shows it; `members` names its responsible member. */
export const summaryOf = (lead: Lead, members: LeadMember[] = []): LeadSummaryView => {
  const assignee = lead.assigneeId ? members.find((member) => member.id === lead.assigneeId) : undefined;
  return {
    id: lead.id,
    name: lead.name,
    phone: lead.phone,
    createdAt: iso(lead.createdAt),
    summary: summaryText(lead),
    estimate: lead.estimate,
    status: lead.status,
    statusReason: lead.statusReason,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
  };
};

export const eventOf = (event: LeadEvent): LeadEventView => ({
  id: event.id,
  kind: event.kind,
  createdAt: iso(event.createdAt),
  actor: { id: event.actorId, name: event.actorName },
  fromStatus: event.fromStatus,
  status: event.status,
  reason: event.reason,
  assignee:
    event.kind === 'assignee' && event.assigneeName !== null
      ? { id: event.assigneeId, name: event.assigneeName }
      : null,
  text: event.text,
});
