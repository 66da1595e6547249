// The funnel being edited beside its preview. The draft is checked by the same rules the server
// applies: «Сохранить» shows their problems beside the fields (and the server's, if it still finds
// any) rather than sending a funnel it would refuse. A save is made over the version the editor
// loaded; if someone saved a newer one meanwhile, the owner is told and offered that one.
import type { FunnelConfig, FunnelProblem, FunnelView, WidgetConfigView } from '@aimax/backend/contracts';
import { funnelProblems } from '@aimax/backend/funnel-rules';
import { RefreshCw, Save } from 'lucide-react';
import { type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api, toApiError } from '@/lib/api';
import { formatNumericDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { useResource } from '@/lib/useResource';
import { ChatPreview } from './ChatPreview';
import { type CardId, cardName, customStep, isCustomId, nameNewQuestions, sameSteps } from './draft';
import type { Edit } from './OptionsEditor';
import { PricePreview } from './PricePreview';
import { countsByCard, messagesByField, type PlacedProblem, placeProblems, problemsOfFields } from './problems';
import { StepCards } from './StepCards';
import { estimateSample, initialSample } from './sample';
import { VersionHistory } from './VersionHistory';

const loadVersions = (signal: AbortSignal) => api.funnel.versions(signal);

/** Where the preview sticks: under the top bar (6rem down), and 1.5rem above the screen's bottom. */
const STICKY_TOP = 96;
const STICKY_BOTTOM = 24;

/**
 * The sticky offset of the preview: under the top bar when it fits the screen. Taller than the
 * screen, it scrolls with the page until its end is in view and sticks there, so no part of it
 * is ever out of reach.
 */
function useStickyTop(ref: RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(STICKY_TOP);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setTop(Math.min(STICKY_TOP, window.innerHeight - element.offsetHeight - STICKY_BOTTOM));
    const observer = new ResizeObserver(update);
    observer.observe(element);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [ref]);
  return top;
}

interface FunnelEditorProps {
  initial: FunnelView;
  /** The company's look, for the chat preview. */
  look: WidgetConfigView;
}

export function FunnelEditor({ initial, look }: FunnelEditorProps) {
  const text = t.funnel;
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState(initial.config);
  const [open, setOpen] = useState<CardId | null>('objectType');
  // The card the preview shows: the one open, or the last one opened.
  const [previewed, setPreviewed] = useState<CardId>('objectType');
  // Once «Сохранить» was pressed, the problems follow the draft as it is fixed.
  const [attempted, setAttempted] = useState(false);
  // The server's, kept until the next edit.
  const [serverProblems, setServerProblems] = useState<FunnelProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [sample, setSample] = useState(() => initialSample(initial.config));
  const versions = useResource(loadVersions);
  const editor = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const aside = useRef<HTMLElement>(null);
  const asideTop = useStickyTop(aside);

  const problems = useMemo(() => funnelProblems(draft), [draft]);
  const draftProblems = placeProblems(problems, draft);
  const shown = placeProblems(attempted ? [...problems, ...serverProblems] : serverProblems, draft);
  const dirty = !sameSteps(draft, view.config);
  // A question removed (or renamed on a save) is no longer there to preview.
  const previewedCard = isCustomId(previewed) && !customStep(draft, previewed) ? 'objectType' : previewed;
  const estimate = estimateSample(draft, sample, problems.length === 0);

  const edit: Edit = (update) => {
    setDraft(update);
    setServerProblems([]);
    setSaveError(null);
  };

  const openCard = (card: CardId | null) => {
    setOpen(card);
    if (card) setPreviewed(card);
  };

  /** Opens a card from elsewhere on the page and takes the focus (and the view) there. */
  const jumpTo = (card: CardId) => {
    flushSync(() => openCard(card));
    document.getElementById(`funnel-card-${card}-toggle`)?.focus();
  };

  /** Opens the card a problem is on and puts the focus in its field; the summary, for one no field holds. */
  const goTo = (problem: PlacedProblem) => {
    // Rendered first: the card with the field, and the summary of a save just refused.
    flushSync(() => {
      if (problem.card) openCard(problem.card);
    });
    const field = editor.current?.querySelector<HTMLElement>(`[name="${CSS.escape(problem.field)}"]`);
    (field ?? summary.current)?.focus();
  };

  /** The funnel as the server now has it, after a save (of `sent`), a restore or a reload. */
  const show = (next: FunnelView, sent?: FunnelConfig) => {
    setView(next);
    // What was typed while a save was on its way stays, to be saved next.
    setDraft((current) => (sent && current !== sent ? current : next.config));
    setAttempted(false);
    setServerProblems([]);
    setSaveError(null);
    setConflict(false);
    versions.reload();
  };

  const save = async () => {
    setAttempted(true);
    setSaveError(null);
    const [first] = draftProblems;
    if (first) return goTo(first);
    setSaving(true);
    // New questions take the ids their names make, and their cards stay open or previewed.
    const sent = nameNewQuestions(draft, view.config);
    if (sent !== draft) {
      const renamed = new Map(draft.custom?.map((step, index) => [step.id, sent.custom?.[index]?.id ?? step.id]));
      const follow = (card: CardId) => (isCustomId(card) ? ((renamed.get(card) as CardId | undefined) ?? card) : card);
      flushSync(() => {
        setDraft(sent);
        setOpen((card) => card && follow(card));
        setPreviewed(follow);
      });
    }
    try {
      const saved = await api.funnel.save({ config: sent, baseVersion: view.version?.number ?? null });
      show(saved, sent);
      toast(text.saved);
    } catch (caught) {
      const error = toApiError(caught);
      const fields = problemsOfFields(error.fields);
      const [firstField] = placeProblems(fields, draft);
      if (error.code === 'FUNNEL_CONFLICT') setConflict(true);
      else if (firstField) {
        flushSync(() => setServerProblems(fields));
        goTo(firstField);
      } else setSaveError(error.message);
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    setDraft(view.config);
    setAttempted(false);
    setServerProblems([]);
    setSaveError(null);
  };

  const loadLatest = async () => {
    setReloading(true);
    try {
      show(await api.funnel.get());
      toast(text.conflict.loaded);
    } catch (caught) {
      setSaveError(toApiError(caught).message);
    } finally {
      setReloading(false);
    }
  };

  const restore = async (number: number) => {
    show(await api.funnel.restore(number));
    toast(text.history.restored(number));
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,400px)]">
      {/* A control taking the focus is scrolled clear of the sticky bar above the cards. */}
      <div ref={editor} className="min-w-0 space-y-4 [&_:is(input,textarea,select,button)]:scroll-mt-48">
        {/* Stays under the top bar while the cards scroll: whether there is something to save, and saving. */}
        <div className="sticky top-16 z-20 -mt-1 bg-zinc-50/90 pt-1 pb-1 backdrop-blur">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-3 rounded-xl border border-zinc-200 bg-white px-4 py-3 shadow-sm sm:flex-nowrap">
            <div className="min-w-0 flex-1 basis-56 sm:basis-auto">
              <p aria-live="polite" className="flex items-center gap-2 text-sm font-medium text-zinc-800">
                <span
                  aria-hidden
                  className={cx('size-1.5 shrink-0 rounded-full', dirty ? 'bg-amber-500' : 'bg-emerald-500')}
                />
                {dirty ? t.saveBar.unsaved : t.saveBar.upToDate}
              </p>
              <p className="mt-0.5 text-[13px] text-zinc-500 max-sm:hidden">
                {view.version
                  ? text.status.version(
                      view.version.number,
                      formatNumericDateTime(view.version.createdAt),
                      view.version.createdBy ?? text.history.authorGone,
                    )
                  : text.status.default}
              </p>
            </div>
            <div className="ml-auto flex shrink-0 items-center gap-2">
              <Button variant="ghost" onClick={discard} disabled={!dirty || saving}>
                {t.saveBar.discard}
              </Button>
              <Button icon={Save} loading={saving} disabled={!dirty} onClick={save}>
                {t.saveBar.save}
              </Button>
            </div>
          </div>
        </div>
        {conflict && (
          <Alert tone="warning" title={text.conflict.title}>
            <p>{text.conflict.text}</p>
            <Button
              variant="secondary"
              size="sm"
              icon={RefreshCw}
              loading={reloading}
              onClick={loadLatest}
              className="mt-2.5"
            >
              {text.conflict.reload}
            </Button>
          </Alert>
        )}
        {saveError && <Alert>{saveError}</Alert>}
        {shown.length > 0 && (
          <div ref={summary} tabIndex={-1} className="outline-none">
            <Alert title={text.problems.summary(shown.length)}>
              <ul className="mt-1 space-y-1">
                {shown.map((problem) => (
                  <li key={problem.field}>
                    <button
                      type="button"
                      onClick={() => goTo(problem)}
                      className="text-left underline decoration-red-300 underline-offset-2 hover:decoration-red-600 focus-visible:outline-2 focus-visible:outline-red-600"
                    >
                      {problem.card ? `${cardName(draft, problem.card)}: ${problem.message}` : problem.message}
                    </button>
                  </li>
                ))}
              </ul>
            </Alert>
          </div>
        )}
        <StepCards
          config={draft}
          defaults={view.defaults}
          open={open}
          onOpen={openCard}
          onJump={jumpTo}
          messages={messagesByField(shown)}
          problemCounts={countsByCard(shown)}
          edit={edit}
        />
      </div>
      <aside
        ref={aside}
        aria-label={text.previewLabel}
        style={{ top: asideTop }}
        className="min-w-0 space-y-6 lg:sticky lg:row-span-2"
      >
        <ChatPreview config={draft} card={previewedCard} look={look} estimate={estimate} />
        <PricePreview
          config={draft}
          sample={sample}
          onSample={setSample}
          estimate={estimate}
          firstProblem={draftProblems[0]?.message}
        />
      </aside>
      <VersionHistory
        versions={versions}
        current={view.version?.number ?? null}
        dirty={dirty}
        onRestore={restore}
        className="min-w-0 lg:col-start-1"
      />
    </div>
  );
}
