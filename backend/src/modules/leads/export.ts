// The leads list as a file for a spreadsheet: CSV or Excel (XLSX, written by exceljs), the same
// columns in both. CSV is UTF-8 with a BOM (without it Excel reads Cyrillic as Windows-1251),
// separated by semicolons (Excel in a Russian locale splits on `;`, since `,` is the decimal
// separator there), every field quoted, lines ended by CRLF (RFC 4180).
//
// Formula injection: a visitor writes their own name, and a manager the notes and reasons, so a
// text cell may begin with `=`, `+`, `-`, `@`, a tab or a CR, which a spreadsheet would run as a
// formula. Such cells get a leading apostrophe (OWASP's advice), in both formats: the XLSX cell
// is already a string, but a copy into another sheet, or a save as CSV, would make it live again.
// Phone numbers (`+7…`) are text and get it too; dates and sums are written as numbers.
import ExcelJS from 'exceljs';
import { LEAD_STATUS_NAMES } from './pipeline.ts';
import type { Lead, LeadMember } from './service.ts';
import { summaryOf } from './views.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet will show, never evaluate. */
export const neutralise = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

type Cell = { text: string } | { number: number } | { date: Date };

interface Column {
  header: string;
  width: number;
  value(lead: Lead, names: Map<string, string>): Cell;
}

const text = (value: string | null | undefined): Cell => ({ text: value ?? '' });

const COLUMNS: Column[] = [
  { header: 'Получена', width: 18, value: (lead) => ({ date: lead.createdAt }) },
  { header: 'Клиент', width: 24, value: (lead) => text(lead.name) },
  { header: 'Телефон', width: 16, value: (lead) => text(lead.phone) },
  { header: 'Статус', width: 16, value: (lead) => text(LEAD_STATUS_NAMES[lead.status]) },
  { header: 'Причина отказа', width: 28, value: (lead) => text(lead.statusReason) },
  {
    header: 'Ответственный',
    width: 22,
    value: (lead, names) => text(lead.assigneeId ? names.get(lead.assigneeId) : ''),
  },
  { header: 'Объект', width: 40, value: (lead) => text(summaryOf(lead).summary) },
  { header: 'Смета от, ₽', width: 14, value: (lead) => ({ number: lead.estimate.range.min }) },
  { header: 'Смета до, ₽', width: 14, value: (lead) => ({ number: lead.estimate.range.max }) },
  { header: 'Страница', width: 40, value: (lead) => text(lead.pageUrl) },
  { header: 'UTM source', width: 14, value: (lead) => text(lead.utm.utm_source) },
  { header: 'UTM campaign', width: 18, value: (lead) => text(lead.utm.utm_campaign) },
];

const moscowParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Moscow wall-clock time of a moment, as its parts. */
function moscowTime(date: Date) {
  const parts = Object.fromEntries(moscowParts.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/** «29.11.2026 14:05», Moscow time, as the panel writes it. */
const moscowText = (date: Date) => {
  const t = moscowTime(date);
  return `${t.day}.${t.month}.${t.year} ${t.hour}:${t.minute}`;
};

/** Spreadsheets have no time zones: a date cell holds the wall-clock time, here Moscow's. */
const moscowWallClock = (date: Date) => {
  const t = moscowTime(date);
  return new Date(Date.UTC(Number(t.year), Number(t.month) - 1, Number(t.day), Number(t.hour), Number(t.minute)));
};

const namesOf = (members: LeadMember[]) => new Map(members.map((member) => [member.id, member.name]));

const csvField = (cell: Cell) => {
  const value = 'text' in cell ? neutralise(cell.text) : 'number' in cell ? String(cell.number) : moscowText(cell.date);
  return `"${value.replaceAll('"', '""')}"`;
};

export function leadsCsv(leads: Lead[], members: LeadMember[]): Buffer {
  const names = namesOf(members);
  const lines = [
    COLUMNS.map((column) => csvField({ text: column.header })).join(';'),
    ...leads.map((lead) => COLUMNS.map((column) => csvField(column.value(lead, names))).join(';')),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function leadsXlsx(leads: Lead[], members: LeadMember[]): Promise<Buffer> {
  const names = namesOf(members);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'AI Max';
  const sheet = workbook.addWorksheet('Заявки', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const lead of leads) {
    const row = sheet.addRow([]);
    COLUMNS.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = column.value(lead, names);
      if ('text' in value) cell.value = neutralise(value.text);
      else if ('number' in value) {
        cell.value = value.number;
        cell.numFmt = '#,##0';
      } else {
        cell.value = moscowWallClock(value.date);
        cell.numFmt = 'dd.mm.yyyy hh:mm';
      }
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
