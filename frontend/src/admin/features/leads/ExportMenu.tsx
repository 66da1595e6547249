// The filtered list as a file: CSV (UTF-8, `;`, for Excel in Russian) or an Excel workbook.
import { ChevronDown, Download, FileSpreadsheet, FileText } from 'lucide-react';
import { useState } from 'react';
import { api, type LeadExportFormat, type LeadFilter, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Menu } from '@/lib/ui/Menu';
import { Spinner } from '@/lib/ui/Spinner';
import { downloadFile } from './download';

export function ExportMenu({ filter }: { filter: LeadFilter }) {
  const [busy, setBusy] = useState(false);
  const text = t.leads.export;

  const download = async (format: LeadExportFormat) => {
    setBusy(true);
    try {
      await downloadFile(api.leads.exportUrl(filter, format), `${t.leads.title}.${format}`);
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Menu
      label={text.label}
      button={
        <span className="inline-flex h-8 items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 shadow-xs">
          {busy ? <Spinner size={16} /> : <Download aria-hidden size={16} />}
          {text.button}
          <ChevronDown aria-hidden size={14} className="text-zinc-400" />
        </span>
      }
      items={[
        { label: text.csv, icon: FileText, onSelect: () => void download('csv') },
        { label: text.xlsx, icon: FileSpreadsheet, onSelect: () => void download('xlsx') },
      ]}
    />
  );
}
