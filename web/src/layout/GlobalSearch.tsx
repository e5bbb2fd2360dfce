import { Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useMounted, useOs } from '@mantine/hooks';
import { createSpotlight, Spotlight, type SpotlightStore } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCH_KINDS, SEARCH_QUERY_MAX, SEARCH_QUERY_MIN } from '@shared/search/limits';
import type { SearchResult, SearchResults } from '@schema/search';
import { api } from '../api/client';

const [searchStore, searchSpotlight] = createSpotlight();

/** Opens the search (the header's button; Ctrl-K / ⌘K anywhere). */
export const openSearch = searchSpotlight.open;

/**
 * Mantine's Spotlight selects the first result as the query changes, before the server has
 * answered; once the results are drawn, the first one is selected so that Enter opens it.
 */
function selectFirst(store: SpotlightStore): void {
  const { listId } = store.getState();
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  store.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}

/**
 * The global search: the header's button and the Spotlight it opens. It asks GET /api/search,
 * which looks only in the clients the person may see; results are grouped by kind, each with
 * its client's name, and open the record's page on Enter or click.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const os = useOs({ getValueInEffect: false });
  // Mounted is set in an effect, and effects run children first: once it is, Spotlight's own
  // effect has set up the shortcut.
  const shortcutReady = useMounted();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const searchable = debounced.length >= SEARCH_QUERY_MIN && debounced.length <= SEARCH_QUERY_MAX;
  const found = useQuery({
    queryKey: ['search', debounced],
    queryFn: () => api.get<SearchResults>(`/api/search?q=${encodeURIComponent(debounced)}&limit=5`),
    enabled: searchable,
    staleTime: 10_000,
  });
  const results = searchable && debounced === query.trim() ? found.data?.results : undefined;

  useEffect(() => {
    if (results) selectFirst(searchStore);
  }, [results]);

  const open = (r: SearchResult) => {
    void navigate(r.path);
  };
  const title = (r: SearchResult): string => {
    if (r.kind !== 'page') return r.title;
    if (r.id === '') return t('shell.overview');
    if (r.id === 'members') return t('shell.members');
    if (r.id === 'audit') return t('shell.auditTrail');
    return t(`shell.modules.${r.id}`, { defaultValue: r.title });
  };
  const description = (r: SearchResult): string => [r.clientName ?? t('search.firm'), r.kind === 'client' ? null : r.detail].filter(Boolean).join(' · ');

  const trimmed = query.trim();
  let status: React.ReactNode = null;
  if (trimmed.length < SEARCH_QUERY_MIN) status = t('search.hint');
  else if (trimmed.length > SEARCH_QUERY_MAX) status = t('search.tooLong');
  else if (found.isError && debounced === trimmed) status = t('search.failed', { message: found.error.message });
  else if (!results) status = <Group gap="xs" justify="center"><Loader size="xs" />{t('search.searching')}</Group>;
  else if (results.length === 0) status = t('search.nothing');

  // The button names the keys once they work.
  const shortcut = !shortcutReady ? null : os === 'macos' || os === 'ios' ? '⌘ K' : t('search.ctrlK');
  return (
    <>
      <UnstyledButton
        onClick={openSearch}
        aria-label={shortcut ? `${t('search.open')} (${shortcut})` : t('search.open')}
        px="sm"
        py={6}
        style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-xl)' }}
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} stroke={1.6} />
          <Text size="sm" c="dimmed" visibleFrom="sm">
            {t('search.open')}
          </Text>
          {shortcut ? (
            <Kbd size="xs" visibleFrom="sm">
              {shortcut}
            </Kbd>
          ) : null}
        </Group>
      </UnstyledButton>
      <Spotlight.Root
        store={searchStore}
        query={query}
        onQueryChange={setQuery}
        shortcut={['mod + K']}
        tagsToIgnore={[]}
        scrollable
        maxHeight={520}
      >
        <Spotlight.Search
          placeholder={t('search.placeholder')}
          aria-label={t('search.open')}
          maxLength={SEARCH_QUERY_MAX}
          leftSection={<IconSearch size={18} stroke={1.6} />}
        />
        <Spotlight.ActionsList aria-label={t('search.open')}>
          {status ? (
            <Spotlight.Empty>{status}</Spotlight.Empty>
          ) : (
            SEARCH_KINDS.map((kind) => {
              const ofKind = (results ?? []).filter((r) => r.kind === kind);
              if (ofKind.length === 0) return null;
              return (
                // The label is drawn by CSS (content:), so the group names itself for screen readers.
                <Spotlight.ActionsGroup key={kind} label={t(`search.kinds.${kind}`)} role="group" aria-label={t(`search.kinds.${kind}`)}>
                  {ofKind.map((r) => (
                    <Spotlight.Action
                      key={`${r.kind}:${r.clientId ?? ''}:${r.id}`}
                      label={title(r)}
                      description={description(r)}
                      onClick={() => open(r)}
                    />
                  ))}
                </Spotlight.ActionsGroup>
              );
            })
          )}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
