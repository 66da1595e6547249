// The live preview beside the forms. On a phone it sits above them folded to one line: it takes
// no room from the forms until the owner asks to see it.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { ChevronDown, Eye } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '@/lib/i18n';
import { Card } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { sections } from '../../navigation';
import { WidgetPreview } from './WidgetPreview';

/** `whiteLabelPlan`: the plan without «AI Max» in the widget and the estimate, named under the preview. */
export function PreviewPanel({ config, whiteLabelPlan }: { config: WidgetConfigView; whiteLabelPlan: string }) {
  const [open, setOpen] = useState(false);
  const { preview: text } = t.branding;

  return (
    <Card aria-labelledby="widget-preview-title" className="overflow-hidden">
      <header className={cx('flex items-center gap-3 border-zinc-100 px-5 py-4 lg:border-b', open && 'border-b')}>
        <div className="min-w-0 flex-1">
          <h2 id="widget-preview-title" className="flex items-center gap-2.5 text-[15px] font-semibold text-zinc-900">
            {/* Folded on a phone, the dot still shows the colour being chosen. */}
            <span
              aria-hidden
              className="size-2.5 shrink-0 rounded-full ring-4 ring-zinc-100"
              style={{ backgroundColor: config.primaryColor }}
            />
            {text.title}
          </h2>
          <p className="mt-0.5 hidden text-sm text-zinc-500 sm:block">{text.description}</p>
        </div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="widget-preview-body"
          onClick={() => setOpen((value) => !value)}
          className="focus-visible:outline-brand-500 inline-flex h-8 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-[13px] font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 lg:hidden"
        >
          <Eye aria-hidden size={15} />
          {open ? text.hide : text.show}
          <ChevronDown aria-hidden size={15} className={cx('transition-transform', open && 'rotate-180')} />
        </button>
      </header>
      <div
        id="widget-preview-body"
        className={cx(
          'bg-[radial-gradient(var(--color-zinc-200)_1px,transparent_1px)] bg-zinc-100/70 bg-[length:16px_16px] px-5 py-6 sm:px-8 lg:block',
          !open && 'hidden',
        )}
      >
        <WidgetPreview config={config} className="mx-auto max-w-[360px]" />
        <p className="mx-auto mt-4 max-w-[360px] text-center text-xs text-zinc-500">
          {config.poweredBy ? (
            <>
              {text.poweredByOn(whiteLabelPlan)}{' '}
              <Link to={sections.billing.path} className="text-brand-700 hover:text-brand-800 font-medium">
                {text.plans}
              </Link>
            </>
          ) : (
            text.poweredByOff
          )}
        </p>
      </div>
    </Card>
  );
}
