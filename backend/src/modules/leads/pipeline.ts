// The pipeline a lead goes through, with the names a company sees (the panel has its own copy
// of them in its catalogue; the exports write these).
import type { LeadStatus } from '../../db/schema.ts';

export const LEAD_STATUS_NAMES: Record<LeadStatus, string> = {
  new: 'Новая',
  in_progress: 'В работе',
  measurement: 'Замер назначен',
  contract: 'Договор',
  rejected: 'Отказ',
};
