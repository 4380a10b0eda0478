import { useEffect, useState } from 'preact/hooks';
import type { Client, Settings } from '../../../core/settings.ts';
import { formatDuration } from '../../../core/format.ts';
import { rulesFor } from '../../../core/clients.ts';
import type { ClientNorms } from '../api.ts';
import { clientSuggestions, nameFromDomain } from '../clientSuggestions.ts';
import { zoneLabel } from '../../../core/expectations.ts';
import { ClientForm } from './ClientForm.tsx';
import { clientFromDraft, draftFromClient, newDraft, restoreClient, withClient, withoutClient, type ClientDraft } from './clientDraft.ts';

interface Props {
  settings: Settings;
  norms: readonly ClientNorms[];
  today: string;
  busy: boolean;
  /** Saves and resolves to whether it worked (the caller shows errors). */
  save: (settings: Settings, done: string) => Promise<boolean>;
  /** A form to open when the section mounts, e.g. from the popup's "Set up your first client". */
  initialDraft: ClientDraft | null;
}

const MINUTE = 60_000;
const UNDO_MS = 15_000;

export function ClientsSection({ settings, norms, today, busy, save, initialDraft }: Props) {
  const [editing, setEditing] = useState<ClientDraft | null>(initialDraft);
  const [deleted, setDeleted] = useState<{ client: Client; index: number } | null>(null);

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  const suggestions = clientSuggestions(norms).filter((s) => !settings.clients.some((c) => c.domains.includes(s.domain)));

  const saveDraft = async (draft: ClientDraft) => {
    const client = clientFromDraft(draft, Date.now(), () => crypto.randomUUID());
    if (await save(withClient(settings, client), draft.id ? `Saved ${client.name}.` : `Added ${client.name}.`)) setEditing(null);
  };

  const remove = async (client: Client) => {
    const index = settings.clients.findIndex((c) => c.id === client.id);
    if (await save(withoutClient(settings, client.id), '')) setDeleted({ client, index });
  };

  const undo = async () => {
    if (!deleted) return;
    if (await save(restoreClient(settings, deleted.client, deleted.index), `${deleted.client.name} is back.`)) setDeleted(null);
  };

  return (
    <section aria-labelledby="clients-title">
      <div class="row section-head">
        <h2 id="clients-title">Clients</h2>
        {!editing && (
          <button type="button" class="primary" onClick={() => setEditing(newDraft(settings))}>
            Add a client
          </button>
        )}
      </div>

      <div aria-live="polite">
        {deleted && (
          <div class="notice info row">
            <span>Deleted {deleted.client.name}.</span>
            <button type="button" onClick={() => void undo()} disabled={busy}>
              Undo
            </button>
          </div>
        )}
      </div>

      {editing && !editing.id && (
        <ClientForm key="new" initial={editing} settings={settings} today={today} busy={busy} onSave={(d) => void saveDraft(d)} onCancel={() => setEditing(null)} />
      )}

      {settings.clients.length === 0 && !editing ? (
        <p class="muted">No clients yet. Everyone gets your defaults until you add one.</p>
      ) : (
        <ul class="client-list" aria-label="Clients">
          {settings.clients.map((client) =>
            editing?.id === client.id ? (
              <li key={client.id}>
                <ClientForm initial={editing} settings={settings} today={today} busy={busy} onSave={(d) => void saveDraft(d)} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <li key={client.id} class="client-item">
                <div class="client-summary">
                  <strong>{client.name}</strong> <span class={`mode-badge ${client.mode}`}>{modeLabel(client.mode)}</span>
                  <div class="muted small">{describeClient(client, settings)}</div>
                </div>
                <div class="row">
                  <button type="button" onClick={() => setEditing(draftFromClient(client, settings))}>
                    Edit<span class="visually-hidden"> {client.name}</span>
                  </button>
                  <button type="button" class="danger" onClick={() => void remove(client)} disabled={busy}>
                    Delete<span class="visually-hidden"> {client.name}</span>
                  </button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}

      {suggestions.length > 0 && (
        <div class="suggestions">
          <h3>You write often with</h3>
          <ul>
            {suggestions.map((s) => (
              <li key={s.domain} class="row">
                <span>
                  <strong>{s.domain}</strong> <span class="muted">({s.count} {s.count === 1 ? 'reply' : 'replies'} measured)</span>
                </span>
                <button type="button" onClick={() => setEditing(newDraft(settings, { name: nameFromDomain(s.domain), domain: s.domain }))}>
                  Make {s.domain} a client
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function modeLabel(mode: Client['mode']): string {
  return mode === 'account' ? 'Account' : mode === 'lead' ? 'Lead: never nudged' : 'Off';
}

function describeClient(client: Client, settings: Settings): string {
  const rules = [...client.domains, ...client.addresses];
  const shownRules = rules.length > 3 ? `${rules.slice(0, 3).join(', ')} +${rules.length - 3}` : rules.join(', ');
  const target = formatDuration(rulesFor(settings, client).responseTargetMinutes * MINUTE);
  const hours = client.schedule ? `own hours, ${zoneLabel(client.schedule.timeZone)}` : 'your default hours';
  return `${shownRules} · target ${target} · ${hours}`;
}
