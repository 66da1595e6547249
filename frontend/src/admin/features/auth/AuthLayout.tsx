// The frame of the pages before sign-in: the form on the left, on wide screens a panel on the
// right that shows what the product does.
import { Check, type LucideIcon } from 'lucide-react';
import { motion } from 'motion/react';
import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { Logo } from '@/lib/ui/Logo';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

interface AuthLayoutProps {
  /** Above the title, for pages that explain a state rather than ask for input. */
  icon?: LucideIcon;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Under the form: the link to the other auth page. */
  footer?: ReactNode;
}

export function AuthLayout({ icon: Icon, title, subtitle, children, footer }: AuthLayoutProps) {
  useDocumentTitle(title);
  return (
    <div className="grid min-h-dvh bg-white lg:grid-cols-[minmax(0,1fr)_minmax(0,1.05fr)]">
      <div className="flex flex-col px-6 py-8 sm:px-12">
        <Logo />
        <div className="flex flex-1 items-center justify-center py-10">
          <motion.div
            className="w-full max-w-sm"
            initial={{ opacity: 0, y: 8 }}
            animate={{ opacity: 1, y: 0 }}
            transition={{ duration: 0.3, ease: 'easeOut' }}
          >
            {Icon && (
              <div className="mb-5 flex size-12 items-center justify-center rounded-xl border border-zinc-200 bg-zinc-50 text-zinc-500">
                <Icon aria-hidden size={22} strokeWidth={1.75} />
              </div>
            )}
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
            {subtitle && <p className="mt-1.5 text-sm text-zinc-500">{subtitle}</p>}
            <div className="mt-8">{children}</div>
            {footer && <p className="mt-8 text-center text-sm text-zinc-500">{footer}</p>}
          </motion.div>
        </div>
      </div>
      <ProductPanel />
    </div>
  );
}

function ProductPanel() {
  const { pitch } = t.auth;
  return (
    <div className="from-brand-600 relative hidden overflow-hidden bg-gradient-to-br via-indigo-600 to-violet-700 lg:flex lg:items-center lg:justify-center">
      <div
        aria-hidden
        className="absolute inset-0 [background-image:linear-gradient(to_right,white_1px,transparent_1px),linear-gradient(to_bottom,white_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_at_center,black_30%,transparent_75%)] [background-size:40px_40px] opacity-[0.14]"
      />
      <div aria-hidden className="absolute -top-24 -right-24 size-96 rounded-full bg-fuchsia-400/30 blur-3xl" />
      <div aria-hidden className="absolute -bottom-32 -left-16 size-96 rounded-full bg-sky-400/20 blur-3xl" />

      <div className="relative max-w-md px-12 py-16 text-white">
        <p className="text-sm font-medium text-indigo-200">{t.product.tagline}</p>
        <h2 className="mt-3 text-3xl leading-tight font-semibold tracking-tight text-balance">{pitch.title}</h2>
        <ul className="mt-8 space-y-3">
          {pitch.points.map((point) => (
            <li key={point} className="flex items-center gap-3 text-sm text-indigo-50">
              <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-white/15 ring-1 ring-white/25">
                <Check aria-hidden size={12} strokeWidth={3} />
              </span>
              {point}
            </li>
          ))}
        </ul>

        <motion.div
          aria-hidden
          className="mt-12 rounded-2xl bg-white p-4 text-zinc-800 shadow-2xl shadow-indigo-950/30"
          initial={{ opacity: 0, y: 16 }}
          animate={{ opacity: 1, y: 0 }}
          transition={{ delay: 0.15, duration: 0.5, ease: 'easeOut' }}
        >
          <div className="flex items-center gap-2.5 border-b border-zinc-100 pb-3">
            <span className="from-brand-500 flex size-8 items-center justify-center rounded-full bg-gradient-to-br to-violet-500 text-xs font-semibold text-white">
              AI
            </span>
            <div>
              <p className="text-sm font-medium">{pitch.preview.bot}</p>
              <p className="flex items-center gap-1 text-xs text-emerald-600">
                <span className="size-1.5 rounded-full bg-emerald-500" />
                {pitch.preview.online}
              </p>
            </div>
          </div>
          <p className="mt-3 max-w-[85%] rounded-2xl rounded-tl-sm bg-zinc-100 px-3.5 py-2.5 text-sm leading-relaxed">
            {pitch.preview.question}
          </p>
          <div className="mt-2.5 flex flex-wrap gap-1.5">
            {pitch.preview.options.map((option) => (
              <span
                key={option}
                className="border-brand-200 text-brand-700 rounded-full border px-3 py-1 text-xs font-medium"
              >
                {option}
              </span>
            ))}
          </div>
          <p className="bg-brand-600 mt-3 ml-auto w-fit rounded-2xl rounded-tr-sm px-3.5 py-2.5 text-sm text-white">
            {pitch.preview.answer}
          </p>
        </motion.div>
      </div>
    </div>
  );
}
