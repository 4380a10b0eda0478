import { useState } from 'preact/hooks';
import { LEFT_OUT_REASONS, LEFT_OUT_TEXT } from '../../../core/history/classify.ts';
import type { OwnAddressSuggestion } from '../../../core/history/collector.ts';
import type { HistoryClient, HistoryPreview } from '../../../core/history/preview.ts';
import { formatApproxDuration, formatShare } from '../../../core/format.ts';
import type { WorkSchedule } from '../../../core/types.ts';
import type { FileReport } from '../../../import/scan.ts';
import { formatBytes, formatCount, formatDay, plural } from './format.ts';

interface Props {
  preview: HistoryPreview;
  reports: FileReport[];
  ownAddresses: string[];
  candidates: OwnAddressSuggestion[];
  bytes: number;
  elapsedMs: number;
  busy: boolean;
  onOwnAddresses(addresses: string[]): void;
  /** Saves the proposed hours as the client's own; resolves to an error message or null. */
  onUseHours(client: HistoryClient, schedule: WorkSchedule): Promise<string | null>;
  onImport(): void;
  onCancel(): void;
}

/** What an import would learn, before anything is written: the user checks it, then imports. */
export function ImportPreview(props: Props) {
  const { preview, reports } = props;
  const [extra, setExtra] = useState('');
  const [saved, setSaved] = useState<Record<string, string>>({});
  const leftOut = LEFT_OUT_REASONS.filter((r) => preview.leftOut[r] > 0);
  const problems = reports.filter((r) => r.problem || r.notes.length > 0);
  const toggle = (address: string, on: boolean) => {
    const next = on ? [...props.ownAddresses, address] : props.ownAddresses.filter((a) => a !== address);
    props.onOwnAddresses([...new Set(next)]);
  };
  const addExtra = () => {
    const address = extra.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) return;
    setExtra('');
    if (!props.ownAddresses.includes(address)) props.onOwnAddresses([...props.ownAddresses, address]);
  };
  const speed = props.elapsedMs > 0 ? `${formatBytes(props.bytes)} read in ${(props.elapsedMs / 1000).toFixed(1)} s` : formatBytes(props.bytes);

  return (
    <div class="history-preview" aria-labelledby="history-preview-title">
      <h3 id="history-preview-title" tabIndex={-1}>
        What ReplyPace would learn
      </h3>
      <p data-testid="history-summary" data-messages-read={preview.messagesRead} data-pairs={preview.pairs}>
        {preview.dateRange ? `From ${formatDay(preview.dateRange.from)} to ${formatDay(preview.dateRange.to)}: ` : ''}
        <strong>{plural(preview.pairs, 'reply', 'replies')}</strong> to <strong>{plural(preview.clients.length, 'client')}</strong>, in{' '}
        {plural(preview.conversations, 'conversation')}. {formatCount(preview.messagesKept)} of {formatCount(preview.messagesRead)} messages used ({speed}). Nothing is
        written until you import.
      </p>

      <fieldset class="own-addresses">
        <legend>Your own addresses</legend>
        <p class="muted">
          Mail from these addresses is yours; mail from anyone else is theirs. Tick every address you send from (found from “Delivered-To” and from the sender of
          mail that looks sent).
        </p>
        {props.candidates.map((c) => (
          <label key={c.address} class="mode">
            <input type="checkbox" checked={props.ownAddresses.includes(c.address)} disabled={props.busy} onChange={(e) => toggle(c.address, e.currentTarget.checked)} />{' '}
            {c.address}{' '}
            <span class="muted">
              ({c.delivered > 0 ? `delivered to: ${formatCount(c.delivered)}` : ''}
              {c.delivered > 0 && c.sent > 0 ? ', ' : ''}
              {c.sent > 0 ? `sent from: ${formatCount(c.sent)}` : ''}
              {c.delivered === 0 && c.sent === 0 ? 'added by you' : ''})
            </span>
          </label>
        ))}
        <div class="row">
          <label for="history-own-extra" class="visually-hidden">
            Another address of yours
          </label>
          <input
            id="history-own-extra"
            type="email"
            placeholder="another address of yours"
            value={extra}
            onInput={(e) => setExtra(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addExtra();
              }
            }}
          />
          <button type="button" onClick={addExtra} disabled={props.busy}>
            Add
          </button>
        </div>
      </fieldset>

      {preview.clients.length === 0 ? (
        <div class="notice info">No replies found. Check that your own addresses above are ticked: a reply is a message from you after one from a client.</div>
      ) : (
        <table class="history-clients">
          <caption>Clients found, most replies first</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Replies</th>
              <th scope="col">Typical reply</th>
              <th scope="col">Instant</th>
              <th scope="col">When they work (from their mail)</th>
            </tr>
          </thead>
          <tbody>
            {preview.clients.map((client) => (
              <tr key={client.key} data-client={client.key} data-replies={client.replies} data-median-working-ms={client.medianWorkingMs ?? ''}>
                <th scope="row">
                  {client.name}
                  {client.addresses.length > 0 && client.addresses[0] !== client.name && <div class="muted small">{client.addresses.slice(0, 3).join(', ')}</div>}
                </th>
                <td data-testid="replies">{formatCount(client.replies)}</td>
                <td data-testid="typical">{client.medianWorkingMs === null ? '–' : formatApproxDuration(client.medianWorkingMs, 'working')}</td>
                <td>{client.instantShare === null ? '–' : formatShare(client.instantShare)}</td>
                <td>
                  {client.pattern ? (
                    <>
                      <span data-testid="pattern">
                        {client.name} {client.pattern.text}
                      </span>
                      {client.hasOwnSchedule ? (
                        <div class="muted small">Their own hours are already set.</div>
                      ) : saved[client.key] ? (
                        <div class="small" role="status">
                          {saved[client.key]}
                        </div>
                      ) : (
                        client.pattern.schedule && (
                          <div>
                            <button
                              type="button"
                              class="small-button"
                              disabled={props.busy}
                              aria-label={`Use these hours for ${client.name}`}
                              onClick={async () => {
                                const failure = await props.onUseHours(client, client.pattern!.schedule!);
                                setSaved({ ...saved, [client.key]: failure ?? `Saved as ${client.name}’s hours.` });
                              }}
                            >
                              Use these hours
                            </button>
                          </div>
                        )
                      )}
                    </>
                  ) : (
                    <span class="muted">not enough of their mail to tell</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {leftOut.length > 0 && (
        <>
          <h4>Left out</h4>
          <ul class="history-left-out" data-testid="left-out">
            {leftOut.map((reason) => (
              <li key={reason} data-reason={reason}>
                {formatCount(preview.leftOut[reason])} {LEFT_OUT_TEXT[reason]}
              </li>
            ))}
          </ul>
        </>
      )}
      {problems.length > 0 && (
        <div class={`notice ${problems.some((r) => r.problem) ? 'bad' : 'info'}`} role={problems.some((r) => r.problem) ? 'alert' : undefined}>
          <strong>Some files need a look:</strong>
          <ul>
            {problems.map((r) => (
              <li key={r.name}>
                {r.name}: {r.problem ?? r.notes.join(' ')}
                {r.problem && r.notes.length > 0 ? ` ${r.notes.join(' ')}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="row form-actions">
        <button type="button" class="primary" disabled={props.busy || preview.pairs === 0 || props.ownAddresses.length === 0} onClick={props.onImport}>
          Import {plural(preview.pairs, 'reply', 'replies')}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
