import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../../core/settings.ts';
import type { WorkSchedule } from '../../../core/types.ts';
import { failureText, type ImportRecord, type PagesApi, type PatternProposal } from '../api.ts';
import { settingsWithSchedule, type PatternTarget } from './acceptPattern.ts';
import { formatBytes, formatCount, formatDay, plural } from './format.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { ImportSession, type ImportState, type WorkerLike } from './importSession.ts';
import { filesFromDrop, filesFromInput } from './pickFiles.ts';

interface Props {
  pagesApi: PagesApi;
  settings: Settings;
  /** Called with the settings after "Use these hours" saved them. */
  onSettingsSaved(settings: Settings): void;
  /** The welcome page shows the import alone: no list of past imports, no live proposals. */
  compact?: boolean;
  /** Starts the import worker (tests pass a fake). */
  createWorker?: () => WorkerLike;
}

function packagedWorker(): WorkerLike {
  return new Worker(browser.runtime.getURL('/import-worker.js')) as unknown as WorkerLike;
}

const ACCEPT = '.mbox,.mbx,.eml,.zip,.tgz,.gz,.tar,application/mbox,application/zip,application/gzip,message/rfc822';

/** "Learn from your past mail": choose or drop files, watch the progress, check the preview, import; undo later. */
export function HistoryImport({ pagesApi, settings, onSettingsSaved, compact = false, createWorker = packagedWorker }: Props) {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [imports, setImports] = useState<ImportRecord[]>([]);
  const [proposals, setProposals] = useState<PatternProposal[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const heading = useRef<HTMLDivElement>(null);

  const session = useMemo(
    () =>
      new ImportSession({
        api: pagesApi,
        createWorker,
        settings: () => settingsRef.current,
        now: () => Date.now(),
        newId: () => crypto.randomUUID(),
        onChange: setState,
      }),
    [pagesApi, createWorker],
  );
  useEffect(() => () => session.reset(), [session]);

  const refresh = async () => {
    if (compact) return;
    const [list, found] = await Promise.all([pagesApi.importList(), pagesApi.patternProposals()]);
    if (list.ok) setImports(list.value);
    if (found.ok) setProposals(found.value);
  };
  useEffect(() => {
    void refresh();
  }, [pagesApi]);
  useEffect(() => {
    if (state.step === 'done') void refresh();
    // The preview is announced by moving focus to its heading, for keyboard and screen-reader users.
    if (state.step === 'preview') heading.current?.querySelector<HTMLElement>('#history-preview-title')?.focus();
  }, [state.step]);

  const useHours = async (target: PatternTarget, schedule: WorkSchedule): Promise<string | null> => {
    const next = settingsWithSchedule(settingsRef.current, target, schedule, Date.now(), () => crypto.randomUUID());
    const answer = await pagesApi.saveSettings(next);
    if (!answer.ok) return `Not saved: ${failureText(answer)}`;
    settingsRef.current = answer.value.settings;
    onSettingsSaved(answer.value.settings);
    return null;
  };

  const undo = async (record: ImportRecord) => {
    const answer = await pagesApi.importUndo(record.importId);
    setMessage(answer.ok ? { kind: 'ok', text: `Import of ${record.label} undone: the ${plural(record.messages, 'message')} it added were removed.` } : { kind: 'bad', text: failureText(answer) });
    if (state.step === 'done' && state.record.importId === record.importId) session.reset();
    await refresh();
  };

  const choose = (files: ReturnType<typeof filesFromInput>) => {
    setMessage(null);
    if (files.length === 0) {
      setMessage({ kind: 'bad', text: 'That folder holds no mailbox files (.mbox, .eml, or a Takeout .zip or .tgz).' });
      return;
    }
    session.start(files);
  };

  const busy = state.step === 'reading' || state.step === 'previewing' || state.step === 'writing';
  const shown = state.step === 'preview' ? state : state.step === 'previewing' ? state.previous : null;

  return (
    <section aria-labelledby="history-title" class="history-import" ref={heading}>
      <h2 id="history-title">Learn from your past mail</h2>
      <p class="muted">
        ReplyPace can learn each client’s reply times from mail you already have, so the norms are there from the first day. The files are read here, in this
        browser, and never sent anywhere. Only who wrote to whom and when is kept: subjects and message texts are never read into ReplyPace.
      </p>

      {!shown && state.step !== 'writing' && (
        <div
          class={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            if (e.dataTransfer) void filesFromDrop(e.dataTransfer).then(choose);
          }}
        >
          <p>Drop your Google Takeout (.zip or .tgz, or the .mbox files in it), any .mbox file, or a folder of .eml files here, or:</p>
          <div class="row">
            <input
              id="history-files"
              class="visually-hidden"
              type="file"
              multiple
              accept={ACCEPT}
              disabled={busy}
              onChange={(e) => {
                choose(filesFromInput(e.currentTarget.files));
                e.currentTarget.value = '';
              }}
            />
            <label for="history-files" class="button">
              Choose files…
            </label>
            <input
              id="history-folder"
              class="visually-hidden"
              type="file"
              {...{ webkitdirectory: '' }}
              disabled={busy}
              onChange={(e) => {
                choose(filesFromInput(e.currentTarget.files));
                e.currentTarget.value = '';
              }}
            />
            <label for="history-folder" class="button">
              Choose a folder…
            </label>
          </div>
        </div>
      )}

      {state.step === 'idle' && <WhereToGetFiles />}

      <div aria-live="polite" class="history-state">
        {state.step === 'reading' && <Progress state={state} onCancel={() => session.cancel()} />}
        {state.step === 'previewing' && !state.previous && (
          <div role="status" class="history-progress">
            <p>Working out the reply times…</p>
            <button type="button" onClick={() => session.cancel()}>
              Cancel
            </button>
          </div>
        )}
        {state.step === 'writing' && (
          <div role="status" class="history-progress">
            <p>
              Writing… {formatCount(state.sentThreads)} of {plural(state.totalThreads, 'conversation')} sent. Nothing is saved until all of it is written.
            </p>
          </div>
        )}
        {state.step === 'cancelled' && <div class="notice info">Cancelled. Nothing was written.</div>}
        {state.step === 'failed' && (
          <div class="notice bad" role="alert">
            <strong>{state.message}</strong>
            {state.reports.some((r) => r.problem) && (
              <ul>
                {state.reports
                  .filter((r) => r.problem)
                  .map((r) => (
                    <li key={r.name}>
                      {r.name}: {r.problem}
                    </li>
                  ))}
              </ul>
            )}
          </div>
        )}
        {state.step === 'done' && (
          <div class="notice ok" data-testid="history-done">
            <p>
              <strong>
                Imported {state.record.label}: {plural(state.record.pairs, 'reply', 'replies')} to {plural(state.record.clientKeys.length, 'client')}
                {state.record.dateRange ? `, from ${formatDay(state.record.dateRange.from)} to ${formatDay(state.record.dateRange.to)}` : ''}.
              </strong>{' '}
              {state.replaced > 0 ? 'It replaces the earlier import of the same files. ' : ''}
              {state.known > 0 ? `${plural(state.known, 'message')} ReplyPace already knew were kept as they were. ` : ''}
              The popup shows the new norms now.
            </p>
            <button type="button" onClick={() => void undo(state.record)}>
              Undo this import
            </button>
          </div>
        )}
        {message && (
          <div class={`notice ${message.kind}`} role={message.kind === 'bad' ? 'alert' : undefined}>
            {message.text}
          </div>
        )}
      </div>

      {shown && (
        <ImportPreview
          preview={shown.preview}
          reports={shown.reports}
          ownAddresses={state.step === 'previewing' ? state.ownAddresses : shown.ownAddresses}
          candidates={shown.candidates}
          bytes={shown.bytes}
          elapsedMs={shown.elapsedMs}
          busy={state.step === 'previewing'}
          onOwnAddresses={(addresses) => session.setOwnAddresses(addresses)}
          onUseHours={async (client, schedule) => {
            const failure = await useHours({ key: client.key, name: client.name }, schedule);
            if (!failure) {
              setMessage({ kind: 'ok', text: `Saved as ${client.name}’s hours: ${client.pattern?.text.replace(/\?$/, '') ?? ''}.` });
              // The norms are measured in the client's hours: the preview follows the new ones.
              if (session.current.step === 'preview') session.setOwnAddresses(session.current.ownAddresses);
            }
            return failure;
          }}
          onImport={() => void session.commit()}
          onCancel={() => session.cancel()}
        />
      )}

      {!compact && imports.length > 0 && (
        <>
          <h3>Past imports</h3>
          <ul class="history-imports">
            {imports.map((record) => (
              <li key={record.importId} class="row">
                <span>
                  {record.label}, imported {formatDay(record.createdAt)}: {plural(record.messages, 'message')}, {plural(record.pairs, 'reply', 'replies')}
                </span>
                <button type="button" aria-label={`Undo the import of ${record.label}`} onClick={() => void undo(record)}>
                  Undo this import
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {!compact && proposals.length > 0 && <Proposals proposals={proposals} onUse={useHours} onUsed={refresh} />}
    </section>
  );
}

function Progress({ state, onCancel }: { state: Extract<ImportState, { step: 'reading' }>; onCancel(): void }) {
  const progress = state.progress;
  const read = progress?.bytesRead ?? 0;
  const percent = state.totalBytes > 0 ? Math.min(100, Math.floor((read / state.totalBytes) * 100)) : 0;
  return (
    <div class="history-progress">
      <progress max={100} value={percent} aria-label="Reading your mail" />
      <p role="status" data-testid="history-progress">
        Read {formatBytes(read)} of {formatBytes(state.totalBytes)} ({percent}%) · {plural(progress?.messages ?? 0, 'message')} · {plural(progress?.people ?? 0, 'client')}{' '}
        found
        {progress?.file ? <span class="muted"> · {progress.file}</span> : null}
      </p>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function Proposals({ proposals, onUse, onUsed }: { proposals: PatternProposal[]; onUse(target: PatternTarget, schedule: WorkSchedule): Promise<string | null>; onUsed(): Promise<void> }) {
  const [done, setDone] = useState<Record<string, string>>({});
  return (
    <>
      <h3>When your clients work, from their mail</h3>
      <p class="muted">Read from the times and time zones of the mail they sent you. Nothing changes until you choose “Use these hours”.</p>
      <ul class="history-proposals">
        {proposals.map((p) => (
          <li key={p.clientKey} class="row" data-client={p.clientKey}>
            <span>
              {p.name} {p.pattern.text}
            </span>
            {done[p.clientKey] ? (
              <span role="status">{done[p.clientKey]}</span>
            ) : (
              <button
                type="button"
                aria-label={`Use these hours for ${p.name}`}
                onClick={async () => {
                  const failure = await onUse({ key: p.clientKey, name: p.name }, p.pattern.schedule!);
                  setDone({ ...done, [p.clientKey]: failure ?? `Saved as ${p.name}’s hours.` });
                  if (!failure) await onUsed();
                }}
              >
                Use these hours
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function WhereToGetFiles() {
  return (
    <details class="history-help">
      <summary>Where do I get these files?</summary>
      <ul>
        <li>
          <strong>Gmail:</strong> at takeout.google.com, choose only “Mail” and export. Google sends a link to one or more .zip (or .tgz) files; drop them here as
          they are, there is no need to unzip them.
        </li>
        <li>
          <strong>Thunderbird:</strong> each folder is already an mbox file (in your profile’s Mail or ImapMail folder), or export folders with the ImportExportTools
          NG add-on.
        </li>
        <li>
          <strong>Apple Mail:</strong> select a mailbox, then Mailbox › Export Mailbox…; choose the “.mbox” folder it makes.
        </li>
        <li>
          <strong>Outlook:</strong> Outlook on the web cannot export a mailbox. Add the account to Thunderbird (or Apple Mail) with IMAP, let it download the mail,
          then use its mbox as above. Classic Outlook’s .pst files cannot be read here.
        </li>
        <li>
          <strong>Any other program:</strong> a folder of saved .eml messages works too.
        </li>
      </ul>
    </details>
  );
}
