import { useState } from 'preact/hooks';
import { SHOWN_AS_STORED } from '../unconfirmed.ts';

interface Props {
  busy: boolean;
  onExport: () => Promise<{ text: string; fileName: string } | string>;
  /**
   * A summary (and repaired fields) on success; on failure, every reason the file was refused, or,
   * when `unconfirmed`, why the import could not be confirmed (it may have been written).
   */
  onImport: (text: string) => Promise<{ ok: true; summary: string; problems: string[] } | { ok: false; unconfirmed?: boolean; errors: string[] }>;
  /** Resolves to an error message, or null once everything is erased. */
  onErase: () => Promise<string | null>;
}

/** Import, export and erase: everything that moves or removes all of the data at once. */
export function DataSection({ busy, onExport, onImport, onErase }: Props) {
  const [result, setResult] = useState<{ kind: 'ok' | 'bad'; title: string; items: string[] } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const exportFile = async () => {
    const file = await onExport();
    if (typeof file === 'string') {
      setResult({ kind: 'bad', title: file, items: [] });
      return;
    }
    const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setResult({ kind: 'ok', title: `Saved ${file.fileName} to your downloads.`, items: [] });
  };

  const importFile = async (file: File) => {
    const text = await file.text();
    const outcome = await onImport(text);
    setResult(
      outcome.ok
        ? { kind: 'ok', title: outcome.summary, items: outcome.problems }
        : outcome.unconfirmed
          ? { kind: 'bad', title: `Could not confirm that ${file.name} was imported. ${SHOWN_AS_STORED}`, items: outcome.errors }
          : { kind: 'bad', title: `${file.name} was not imported. Nothing was changed.`, items: outcome.errors },
    );
  };

  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p class="muted">Everything ReplyPace knows stays in this browser. Move your settings to another browser with a settings file.</p>
      <div class="row">
        <button type="button" onClick={() => void exportFile()} disabled={busy}>
          Export settings
        </button>
        <input
          id="import-file"
          class="visually-hidden"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void importFile(file);
            e.currentTarget.value = '';
          }}
        />
        <label for="import-file" class="button">
          Import settings…
        </label>
      </div>
      <div aria-live="polite" id="data-result">
        {result && (
          <div class={`notice ${result.kind}`} role={result.kind === 'bad' ? 'alert' : undefined}>
            <strong>{result.title}</strong>
            {result.items.length > 0 && (
              <ul>
                {result.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <h3>Erase everything</h3>
      <p class="muted">Deletes all measured replies, clients and settings from this browser. Mail in Gmail and Outlook is not touched.</p>
      {!confirming ? (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Erase all data…
        </button>
      ) : (
        <div class="notice bad" role="alertdialog" aria-labelledby="erase-question">
          <p id="erase-question">
            <strong>Erase all ReplyPace data in this browser? This cannot be undone.</strong>
          </p>
          <div class="row">
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={async () => {
                const failure = await onErase();
                setConfirming(false);
                setResult(failure ? { kind: 'bad', title: failure, items: [] } : { kind: 'ok', title: 'All data erased.', items: [] });
              }}
            >
              Yes, erase everything
            </button>
            <button type="button" autofocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
