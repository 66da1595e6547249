// The funnel as the visitor goes through it: a card per step in the order the chat asks them,
// then the prices card. The steps are put in order by dragging a card by its handle or with its
// arrows (the focus stays on the arrow pressed); the contacts are always last. A card opens to its
// editor (one at a time); a step that may be skipped has its switch on the card itself, and one
// switched off stays editable, dimmed and marked as not asked. Under the steps the company adds
// questions of its own, of a kind picked first.
import type { FunnelConfig } from '@aimax/backend/contracts';
import type { LucideIcon } from 'lucide-react';
import {
  ArrowDown,
  ArrowUp,
  Calculator,
  ChevronDown,
  CircleAlert,
  CircleDot,
  GripVertical,
  Hash,
  ListChecks,
  Plus,
  TextCursorInput,
} from 'lucide-react';
import { AnimatePresence, motion, Reorder, useDragControls } from 'motion/react';
import { type KeyboardEvent, type PointerEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Button, IconButton } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { Switch } from '@/lib/ui/Switch';
import { CardEditor, CustomCardEditor } from './CardEditor';
import {
  addCustomStep,
  type CardId,
  CUSTOM_KINDS,
  type CustomKind,
  cardName,
  customPath,
  customStep,
  isAsked,
  isCustomId,
  isOptionalStep,
  MAX_CUSTOM,
  moveStep,
  newCustomId,
  questionOf,
  reorderSteps,
  type StepKey,
  setStepEnabled,
  stepsInOrder,
  updateCustomStep,
} from './draft';
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

const ADD_BUTTON_ID = 'funnel-add-question';

export function StepCards(props: StepCardsProps) {
  const { config, messages, edit, onOpen } = props;
  const steps = stepsInOrder(config);
  const movable: StepKey[] = steps.filter((step) => step !== 'contacts');
  const orderError = messages.order;

  /** Moves a step from the keyboard (or a click) and keeps the focus on the arrow that moved it. */
  const move = (step: StepKey, offset: -1 | 1) => {
    const target = movable.indexOf(step) + offset;
    flushSync(() => edit((current) => moveStep(current, step, offset)));
    // At either end its arrow is disabled: the other one keeps the focus on the card.
    const atEnd = target === 0 ? 'down' : target === movable.length - 1 ? 'up' : null;
    document.getElementById(`funnel-card-${step}-${atEnd ?? (offset === -1 ? 'up' : 'down')}`)?.focus();
  };

  const removed = () => document.getElementById(ADD_BUTTON_ID)?.focus();

  const added = (kind: CustomKind) => {
    const id = newCustomId(
      '',
      (config.custom ?? []).map((step) => step.id),
    );
    flushSync(() => {
      edit((current) => addCustomStep(current, kind, id));
      onOpen(id);
    });
    document.querySelector<HTMLElement>(`[name="custom.${config.custom?.length ?? 0}.title"]`)?.focus();
  };

  return (
    <div className="space-y-6">
      <div>
        <p className="mb-3 text-[13px] text-zinc-500 max-sm:hidden">{t.funnel.cards.orderHint}</p>
        {orderError && (
          <p role="alert" className="mb-3 flex items-start gap-2 text-[13px] text-red-600">
            <CircleAlert aria-hidden size={16} className="mt-px shrink-0" />
            {orderError}
          </p>
        )}
        <Reorder.Group
          as="ol"
          axis="y"
          values={movable}
          onReorder={(order: StepKey[]) => edit((current) => reorderSteps(current, order))}
          aria-label={t.funnel.cards.steps}
          className="space-y-3"
        >
          {movable.map((step, index) => (
            <MovableStep
              key={step}
              {...props}
              card={step}
              number={index + 1}
              first={index === 0}
              last={index === movable.length - 1}
              onMove={move}
              onRemoved={removed}
            />
          ))}
          <li>
            <StepCard {...props} card="contacts" number={steps.length} onRemoved={removed} />
          </li>
        </Reorder.Group>
        <AddQuestion full={(config.custom?.length ?? 0) >= MAX_CUSTOM} onAdd={added} />
      </div>
      <div>
        <h2 className="mb-3 text-sm font-semibold text-zinc-900">{t.funnel.cards.pricing}</h2>
        <StepCard {...props} card="prices" number={null} onRemoved={removed} />
      </div>
    </div>
  );
}

interface MovableStepProps extends StepCardsProps {
  card: StepKey;
  number: number;
  first: boolean;
  last: boolean;
  onMove(step: StepKey, offset: -1 | 1): void;
  onRemoved(): void;
}

/** A step that can be put elsewhere in the funnel: dragged by its handle, or moved by its arrows. */
function MovableStep({ card, first, last, onMove, ...props }: MovableStepProps) {
  const controls = useDragControls();
  const text = t.funnel.cards;
  const name = cardName(props.config, card);
  const startDrag = (event: PointerEvent) => {
    // Not the text selection a drag would otherwise start on the way.
    event.preventDefault();
    controls.start(event);
  };
  return (
    <Reorder.Item value={card} dragListener={false} dragControls={controls} layout="position" className="relative">
      <StepCard
        {...props}
        card={card}
        handle={
          // The arrows are the way to move it from the keyboard; the handle is for the pointer only.
          <span
            aria-hidden
            title={text.drag(name)}
            onPointerDown={startDrag}
            className="-ml-1.5 flex h-10 w-5 shrink-0 cursor-grab touch-none items-center justify-center rounded text-zinc-300 hover:text-zinc-500 active:cursor-grabbing"
          >
            <GripVertical size={16} />
          </span>
        }
        arrows={
          <span className="-mr-1.5 flex items-center border-l border-zinc-100 pl-1 sm:pl-1.5">
            <IconButton
              id={`funnel-card-${card}-up`}
              icon={ArrowUp}
              label={text.moveUp(name)}
              disabled={first}
              onClick={() => onMove(card, -1)}
            />
            <IconButton
              id={`funnel-card-${card}-down`}
              icon={ArrowDown}
              label={text.moveDown(name)}
              disabled={last}
              onClick={() => onMove(card, 1)}
            />
          </span>
        }
      />
    </Reorder.Item>
  );
}

/** What a closed card says about its step: the question, or for the prices what they cover. */
function summaryOf(config: FunnelConfig, card: CardId): string {
  if (card === 'prices') {
    const { objectType, repairType } = config.steps;
    const { low, high } = config.pricing.rangePercent;
    return t.funnel.cards.pricesSummary(objectType.options.length, repairType.options.length, low, high);
  }
  return questionOf(config, card).title || t.funnel.cards.noQuestion;
}

interface StepCardProps extends StepCardsProps {
  card: CardId;
  /** The step's place in the funnel; none for the prices. */
  number: number | null;
  onRemoved(): void;
  /** Where a movable step is dragged from. */
  handle?: ReactNode;
  /** Its arrows up and down. */
  arrows?: ReactNode;
}

function StepCard(props: StepCardProps) {
  const { card, number, config, defaults, open, onOpen, onJump, messages, problemCounts, edit } = props;
  const text = t.funnel.cards;
  const name = cardName(config, card);
  const expanded = open === card;
  const custom = isCustomId(card) ? customStep(config, card) : undefined;
  const asked = card === 'prices' || isAsked(config, card);
  const problems = problemCounts[card] ?? 0;
  const ids = { name: `funnel-card-${card}`, body: `funnel-card-${card}-body` };

  const setEnabled = (enabled: boolean) =>
    edit((current) =>
      isCustomId(card)
        ? updateCustomStep(current, card, { enabled })
        : isOptionalStep(card)
          ? setStepEnabled(current, card, enabled)
          : current,
    );

  return (
    <Card
      aria-labelledby={ids.name}
      className={cx(
        'transition-[box-shadow,border-color]',
        !asked && 'bg-zinc-50/80',
        problems > 0 ? 'border-red-300 ring-1 ring-red-200' : expanded && 'border-zinc-300 shadow-md shadow-zinc-950/5',
      )}
    >
      <div className="flex items-center gap-2 px-3 py-2.5 sm:gap-3 sm:px-4">
        {props.handle}
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
              <span
                id={ids.name}
                className={cx('truncate text-sm font-semibold', asked ? 'text-zinc-900' : 'text-zinc-500')}
              >
                {name}
              </span>
              {custom && <Badge tone="brand">{t.funnel.custom.kinds[custom.kind]}</Badge>}
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
            className={cx('shrink-0 text-zinc-400 transition-transform max-sm:hidden', expanded && 'rotate-180')}
          />
        </button>
        {(isOptionalStep(card) || custom) && <Switch label={name} hideLabel checked={asked} onChange={setEnabled} />}
        {props.arrows}
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
                <p className="mb-5 rounded-lg bg-zinc-100 px-3.5 py-2.5 text-[13px] text-zinc-600">
                  {custom ? text.customOffNote : text.offNote}
                </p>
              )}
              {isCustomId(card) ? (
                <CustomCardEditor
                  id={card}
                  path={customPath(config, card)}
                  config={config}
                  messages={messages}
                  edit={edit}
                  onRemoved={props.onRemoved}
                />
              ) : (
                <CardEditor
                  card={card}
                  config={config}
                  defaults={defaults}
                  messages={messages}
                  edit={edit}
                  onOpenCard={onJump}
                />
              )}
            </div>
          </motion.div>
        )}
      </AnimatePresence>
    </Card>
  );
}

const KIND_ICONS: Record<CustomKind, LucideIcon> = {
  single: CircleDot,
  multiple: ListChecks,
  number: Hash,
  text: TextCursorInput,
};

/** «Добавить вопрос», and once pressed the kinds of question to pick from. */
function AddQuestion({ full, onAdd }: { full: boolean; onAdd(kind: CustomKind): void }) {
  const text = t.funnel.custom;
  const [choosing, setChoosing] = useState(false);
  const firstKind = useRef<HTMLButtonElement>(null);
  // Opened, the first kind takes the focus, so the keyboard goes on from where it pressed.
  useEffect(() => {
    if (choosing) firstKind.current?.focus();
  }, [choosing]);
  const close = () => {
    setChoosing(false);
    document.getElementById(ADD_BUTTON_ID)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close();
  };

  return (
    <div className="mt-3">
      {!choosing && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Button id={ADD_BUTTON_ID} variant="secondary" icon={Plus} disabled={full} onClick={() => setChoosing(true)}>
            {text.add}
          </Button>
          {full && <p className="text-[13px] text-zinc-500">{text.full(MAX_CUSTOM)}</p>}
        </div>
      )}
      {choosing && (
        // Escape anywhere in the chooser closes it.
        <fieldset
          aria-labelledby="funnel-add-question-title"
          onKeyDown={onKeyDown}
          className="relative rounded-xl border border-dashed border-zinc-300 bg-white p-3 sm:p-4"
        >
          <legend
            id="funnel-add-question-title"
            className="float-left mb-3 flex h-8 w-full items-center pr-24 text-sm font-semibold text-zinc-900"
          >
            {text.chooser}
          </legend>
          <Button variant="ghost" size="sm" onClick={close} className="absolute top-3 right-3 sm:top-4 sm:right-4">
            {text.cancel}
          </Button>
          <ul className="clear-left grid gap-2 sm:grid-cols-2">
            {CUSTOM_KINDS.map((kind, index) => {
              const Icon = KIND_ICONS[kind];
              return (
                <li key={kind}>
                  <button
                    type="button"
                    ref={index === 0 ? firstKind : undefined}
                    onClick={() => {
                      flushSync(() => setChoosing(false));
                      onAdd(kind);
                    }}
                    className="focus-visible:outline-brand-500 hover:border-brand-300 hover:bg-brand-50/40 flex h-full w-full items-start gap-3 rounded-lg border border-zinc-200 px-3 py-2.5 text-left transition-colors focus-visible:outline-2 focus-visible:outline-offset-2"
                  >
                    <span className="bg-brand-50 text-brand-700 flex size-8 shrink-0 items-center justify-center rounded-lg">
                      <Icon aria-hidden size={16} />
                    </span>
                    <span className="min-w-0">
                      <span className="block text-sm font-medium text-zinc-900">{text.kinds[kind]}</span>
                      <span className="block text-[13px] text-zinc-500">{text.kindHints[kind]}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
