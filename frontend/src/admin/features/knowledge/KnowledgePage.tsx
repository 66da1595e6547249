// «База знаний»: the company's documents and curated answers with their indexing status, live
// while any is being indexed; the owner adds (pasted text, files, dropped files too), switches,
// changes and deletes them and tunes the search, managers read them and add answers. Beside the
// list: «Проверить ответ», and the visitors' questions that nearly found an answer.
import { BookOpenText, ClipboardPaste, FilePlus2, MessageCirclePlus, Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import type { EntryView } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { CheckCard } from './CheckCard';
import { EntriesList, EntriesListSkeleton } from './EntriesList';
import { entryPath } from './EntryParts';
import { type EntryTab, entriesOfTab, tabCounts, withEntry, withoutEntry } from './entries';
import { DocumentsFull, DocumentsRoom, isFull, KindTabs } from './KnowledgeTabs';
import { ACCEPTED_DOCUMENTS } from './knowledgeFile';
import { NearMissesCard } from './NearMissesCard';
import { PairDialog, type PairDraft } from './PairDialog';
import { SettingsButton } from './SettingsDialog';
import { TextDocumentDialog } from './TextDocumentDialog';
import { FileDropArea, UploadRows, useUploads } from './Uploads';
import { useEntryActions } from './useEntryActions';
import { useKnowledge } from './useKnowledge';

/** The pair editor's state; kept after closing so its text stays put while it fades out. */
interface PairEditor {
  open: boolean;
  draft: PairDraft;
}

export function KnowledgePage() {
  const isOwner = useAuthStore((state) => state.session?.user.role === 'owner');
  const knowledge = useKnowledge();
  const { view } = knowledge;
  const [tab, setTab] = useState<EntryTab>('all');
  const [addingText, setAddingText] = useState(false);
  const [pairEditor, setPairEditor] = useState<PairEditor | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const text = t.knowledge;

  const show = (entry: EntryView) => knowledge.apply((current) => withEntry(current, entry));
  const uploads = useUploads(show);
  const actions = useEntryActions({
    onChanged: show,
    onDeleted: (entry) => knowledge.apply((current) => withoutEntry(current, entry.id)),
  });
  const openPair = (questions: string[] = []) => setPairEditor({ open: true, draft: { questions, answer: '' } });
  const chooseFiles = () => fileInput.current?.click();
  const shown = view ? entriesOfTab(view.entries, tab) : [];

  return (
    <>
      <PageHeader
        title={text.title}
        description={text.subtitle}
        actions={
          <>
            {isOwner && view && (
              <SettingsButton
                view={view}
                onSaved={(settings) => knowledge.apply((current) => ({ ...current, settings }))}
              />
            )}
            {isOwner && (
              <>
                <Button variant="secondary" icon={ClipboardPaste} onClick={() => setAddingText(true)}>
                  {text.add.text}
                </Button>
                <Button variant="secondary" icon={Upload} onClick={chooseFiles}>
                  {text.add.file}
                </Button>
              </>
            )}
            <Button icon={MessageCirclePlus} onClick={() => openPair()}>
              {text.add.pair}
            </Button>
          </>
        }
      />
      {isOwner && (
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPTED_DOCUMENTS}
          aria-label={text.add.file}
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            if (event.target.files) uploads.add(event.target.files);
            // Cleared, so choosing the same file again (after fixing it) still counts as a change.
            event.target.value = '';
          }}
        />
      )}

      {knowledge.error && !view && (
        <Alert title={t.errors.loadFailed} onRetry={knowledge.reload}>
          {knowledge.error.message}
        </Alert>
      )}
      {!knowledge.error && !view && <PageSkeleton />}

      {view && (
        <div className="space-y-6">
          {view.warning && <Alert tone="warning">{view.warning}</Alert>}
          {knowledge.error && <Alert onRetry={knowledge.reload}>{knowledge.error.message}</Alert>}
          <FileDropArea enabled={isOwner} onFiles={uploads.add}>
            <Card className="overflow-hidden">
              <div className="flex flex-wrap items-end justify-between gap-4 border-b border-zinc-100 px-4 py-4 sm:px-5">
                <KindTabs counts={tabCounts(view.entries)} tab={tab} onChange={setTab} />
                <DocumentsRoom documents={view.documents} />
              </div>
              {isFull(view.documents) && <DocumentsFull isOwner={isOwner} />}
              <UploadRows uploads={uploads.uploads} onDismiss={uploads.dismiss} />
              {view.entries.length === 0 ? (
                uploads.uploads.length === 0 && (
                  <NoEntries
                    isOwner={isOwner}
                    onText={() => setAddingText(true)}
                    onFile={chooseFiles}
                    onPair={() => openPair()}
                  />
                )
              ) : shown.length === 0 ? (
                <NothingInTab tab={tab} isOwner={isOwner} onFile={chooseFiles} onPair={() => openPair()} />
              ) : (
                <EntriesList entries={shown} manage={isOwner} actions={actions} />
              )}
            </Card>
          </FileDropArea>
          <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,460px)]">
            <CheckCard settings={view.settings} onAddPair={(question) => openPair([question])} />
            <NearMissesCard
              entries={view.entries}
              canEditPairs={isOwner}
              onPairChanged={show}
              onNewPair={(question) => openPair([question])}
            />
          </div>
        </div>
      )}

      {actions.dialogs}
      <TextDocumentDialog
        open={addingText}
        onClose={() => setAddingText(false)}
        onSaved={(entry) => {
          show(entry);
          toast(text.text.created(entry.title), 'success', { label: text.pair.open, to: entryPath(entry.id) });
        }}
      />
      <PairDialog
        open={pairEditor?.open ?? false}
        onClose={() => setPairEditor((current) => current && { ...current, open: false })}
        draft={pairEditor?.draft}
        onSaved={(entry) => {
          show(entry);
          toast(text.pair.created, 'success', { label: text.pair.open, to: entryPath(entry.id) });
        }}
      />
    </>
  );
}

interface NoEntriesProps {
  isOwner: boolean;
  onText(): void;
  onFile(): void;
  onPair(): void;
}

/** Before the first entry: what the knowledge base is for, and the ways to fill it. */
function NoEntries({ isOwner, onText, onFile, onPair }: NoEntriesProps) {
  const text = t.knowledge;
  return (
    <EmptyState
      icon={BookOpenText}
      title={text.empty.title}
      description={isOwner ? text.empty.owner : text.empty.manager}
      className="py-14"
    >
      <div className="flex flex-wrap justify-center gap-2">
        {isOwner && (
          <>
            <Button icon={Upload} onClick={onFile}>
              {text.add.file}
            </Button>
            <Button variant="secondary" icon={ClipboardPaste} onClick={onText}>
              {text.add.text}
            </Button>
          </>
        )}
        <Button variant={isOwner ? 'secondary' : 'primary'} icon={MessageCirclePlus} onClick={onPair}>
          {text.add.pair}
        </Button>
      </div>
      {isOwner && (
        <p className="mt-4 text-xs text-zinc-500">
          {text.empty.drop} · {text.upload.formats}
        </p>
      )}
    </EmptyState>
  );
}

function NothingInTab({
  tab,
  isOwner,
  onFile,
  onPair,
}: {
  tab: EntryTab;
  isOwner: boolean;
  onFile(): void;
  onPair(): void;
}) {
  const text = t.knowledge;
  if (tab === 'document') {
    return (
      <EmptyState
        icon={FilePlus2}
        title={text.emptyTab.document}
        description={isOwner ? text.emptyTab.documentText : text.empty.manager}
        className="py-12"
      >
        {isOwner && (
          <Button variant="secondary" icon={Upload} onClick={onFile}>
            {text.add.file}
          </Button>
        )}
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={MessageCirclePlus} title={text.emptyTab.qa} description={text.emptyTab.qaText} className="py-12">
      <Button variant="secondary" icon={MessageCirclePlus} onClick={onPair}>
        {text.add.pair}
      </Button>
    </EmptyState>
  );
}

function PageSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-end justify-between gap-4 border-b border-zinc-100 px-5 py-4">
          <Skeleton className="h-8 w-80 max-w-full rounded-full" />
          <Skeleton className="h-9 w-56 rounded-lg" />
        </div>
        <EntriesListSkeleton />
      </Card>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,460px)]">
        <Skeleton className="h-48 rounded-xl" />
        <Skeleton className="h-48 rounded-xl" />
      </div>
    </div>
  );
}
