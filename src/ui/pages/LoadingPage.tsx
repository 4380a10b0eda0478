interface LoadingPageProps {
  /** The page's own class on <main> ("options", "welcome"), so it keeps its layout. */
  page: string;
  title: string;
  /** Why the settings could not be read; null while they load. */
  error: string | null;
}

/** What a settings page shows until its settings are in: that they load, or why they did not. */
export function LoadingPage({ page, title, error }: LoadingPageProps) {
  return (
    <main class={page}>
      <h1>{title}</h1>
      {error ? (
        <div class="notice bad" role="alert">
          {error}
        </div>
      ) : (
        <p role="status">Loading…</p>
      )}
    </main>
  );
}
