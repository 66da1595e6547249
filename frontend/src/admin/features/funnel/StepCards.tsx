// The funnel as the visitor goes through it: a card per step in order, then the prices card. A
// card opens to its editor (one at a time); an optional step has its switch on the card itself,
// and one switched off stays editable, dimmed and marked as not asked.
import type { FunnelConfig } from '@aimax/backend/contracts';
import { Calculator, ChevronDown, CircleAlert } from 'lucide-react';
import { AnimatePresence, motion } from 'motion/react';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Card } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { Switch } from '@/lib/ui/Switch';
import { CardEditor } from './CardEditor';
import { CARDS, type CardId, isOptionalStep, setStepEnabled } from './draft';
import type { Edit } from './OptionsEditor';

interface StepCardsProps {
  config: FunnelConfig;
  defaults: FunnelConfig;
  open: CardId | null;
  onOpen(card: CardId | null): void;
  /** Opens a card from another one and takes the focus there. */
  onJump(card: CardId): void;
  messages: Record<string, string>;
  problemCounts: Partial<Record<CardId, number>>;
  edit: Edit;
}

export function StepCards(props: StepCardsProps) {
  const steps = CARDS.filter((card) => card !== 'prices');
  return (
    <div className="space-y-6">
      <ol aria-label={t.funnel.cards.steps} className="space-y-3">
        {steps.map((card, index) => (
          <li key={card}>
            <StepCard card={card} number={index + 1} {...props} />
          </li>
        ))}
      </ol>
      <div>
        <h2 className="mb-3 text-sm font-semibold text-zinc-900">{t.funnel.cards.pricing}</h2>
        <StepCard card="prices" number={null} {...props} />
      </div>
    </div>
  );
}

/** What a closed card says about its step: the question, or for the prices what they cover. */
function summaryOf(config: FunnelConfig, card: CardId): string {
  if (card === 'prices') {
    const { objectType, repairType } = config.steps;
    const { low, high } = config.pricing.rangePercent;
    return t.funnel.cards.pricesSummary(objectType.options.length, repairType.options.length, low, high);
  }
  return config.steps[card].title.trim() || t.funnel.cards.noQuestion;
}

interface StepCardProps extends StepCardsProps {
  card: CardId;
  /** The step's place in the funnel; none for the prices. */
  number: number | null;
}

function StepCard(props: StepCardProps) {
  const { card, number, config, defaults, open, onOpen, onJump, messages, problemCounts, edit } = props;
  const text = t.funnel.cards;
  const name = text.names[card];
  const expanded = open === card;
  const asked = !isOptionalStep(card) || config.steps[card].enabled;
  const problems = problemCounts[card] ?? 0;
  const ids = { name: `funnel-card-${card}`, body: `funnel-card-${card}-body` };

  return (
    <Card
      aria-labelledby={ids.name}
      className={cx(
        'transition-[box-shadow,border-color]',
        !asked && 'bg-zinc-50/80',
        problems > 0 ? 'border-red-300 ring-1 ring-red-200' : expanded && 'border-zinc-300 shadow-md shadow-zinc-950/5',
      )}
    >
      <div className="flex items-center gap-3 px-3 py-2.5 sm:px-4">
        <button
          id={`funnel-card-${card}-toggle`}
          type="button"
          aria-expanded={expanded}
          aria-controls={ids.body}
          onClick={() => onOpen(expanded ? null : card)}
          className="focus-visible:outline-brand-500 -my-1 flex min-w-0 flex-1 items-center gap-3 rounded-lg py-1 text-left focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          <span
            aria-hidden
            className={cx(
              'flex size-8 shrink-0 items-center justify-center rounded-full text-[13px] font-semibold tabular-nums',
              expanded ? 'bg-brand-600 text-white' : 'bg-zinc-100 text-zinc-600',
              !asked && 'opacity-60',
            )}
          >
            {number ?? <Calculator size={16} />}
          </span>
          <span className="min-w-0 flex-1">
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span id={ids.name} className={cx('text-sm font-semibold', asked ? 'text-zinc-900' : 'text-zinc-500')}>
                {name}
              </span>
              {!asked && <Badge>{text.notAsked}</Badge>}
              {problems > 0 && (
                <Badge tone="danger">
                  <CircleAlert aria-hidden size={12} />
                  {text.problems(problems)}
                </Badge>
              )}
            </span>
            <span className={cx('mt-0.5 block truncate text-[13px]', asked ? 'text-zinc-500' : 'text-zinc-400')}>
              {summaryOf(config, card)}
            </span>
          </span>
          <ChevronDown
            aria-hidden
            size={18}
            className={cx('shrink-0 text-zinc-400 transition-transform', expanded && 'rotate-180')}
          />
        </button>
        {isOptionalStep(card) && (
          <Switch
            label={name}
            hideLabel
            checked={asked}
            onChange={(enabled) => edit((current) => setStepEnabled(current, card, enabled))}
          />
        )}
      </div>
      <AnimatePresence initial={false}>
        {expanded && (
          <motion.div
            id={ids.body}
            key="body"
            initial={{ height: 0, opacity: 0 }}
            animate={{ height: 'auto', opacity: 1 }}
            exit={{ height: 0, opacity: 0 }}
            transition={{ duration: 0.2, ease: [0.2, 0.8, 0.2, 1] }}
            className="overflow-hidden"
          >
            <div className="border-t border-zinc-100 px-4 py-5 sm:px-5">
              {!asked && (
                <p className="mb-5 rounded-lg bg-zinc-100 px-3.5 py-2.5 text-[13px] text-zinc-600">{text.offNote}</p>
              )}
              <CardEditor
                card={card}
                config={config}
                defaults={defaults}
                messages={messages}
                edit={edit}
                onOpenCard={onJump}
              />
            </div>
          </motion.div>
        )}
      </AnimatePresence>
    </Card>
  );
}
