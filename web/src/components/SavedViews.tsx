/**
 * Saved views of a long list: a "Views" menu beside the list's filters that applies a view
 * (a name for some filters), saves the current filters under a name, and deletes a view. Views
 * are the person's own, kept on the server (`/api/me/views`), so they follow them to every
 * device; each list has a key and its filters (src/modules/views/schema.ts). A page adds it in a
 * few lines:
 *
 * ```tsx
 * <ViewsMenu list="estate.systems" filters={{ search, type, status }}
 *   onApply={(f) => { setSearch(f.search ?? ''); setType(f.type ?? null); setStatus(f.status ?? null); }} />
 * ```
 */
import { ActionIcon, Button, Divider, Group, Modal, Popover, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconChevronDown, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListFilters, ListKey, SavedViewOut } from '@schema/views';
import { VIEW_NAME_MAX } from '@shared/views';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/** The filters as a view keeps them: only those that are set (no empty text, no cleared choice). */
export function viewFilters(filters: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(filters).sort()) {
    const v = filters[key];
    if (v !== undefined && v !== null && v !== '') out[key] = v;
  }
  return out;
}

const sameFilters = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(viewFilters(a)) === JSON.stringify(viewFilters(b));

const viewKeys = (list: ListKey) => ['me', 'views', list] as const;

/** The person's views of one list, and saving, replacing and deleting them. */
export function useSavedViews(list: ListKey) {
  const qc = useQueryClient();
  const key = viewKeys(list);
  const views = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => (await api.get<{ views: SavedViewOut[] }>('/api/me/views', { signal, query: { list } })).views,
    staleTime: 60_000,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const save = useMutation({
    mutationFn: (v: { name: string; filters: Record<string, unknown> }) => api.post<SavedViewOut>('/api/me/views', { list, name: v.name, filters: viewFilters(v.filters) }),
    onSuccess: refresh,
  });
  const replace = useMutation({
    mutationFn: (v: { id: string; filters: Record<string, unknown> }) => api.patch<SavedViewOut>(`/api/me/views/${encodeURIComponent(v.id)}`, { filters: viewFilters(v.filters) }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (v: SavedViewOut) => api.delete(`/api/me/views/${encodeURIComponent(v.id)}`),
    onSuccess: refresh,
  });
  return { views, save, replace, remove };
}

function SaveViewModal({ list, views, filters, onClose }: { list: ListKey; views: readonly SavedViewOut[]; filters: Record<string, unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  const { save, replace } = useSavedViews(list);
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const existing = views.find((v) => v.name === trimmed);
  const pending = save.isPending || replace.isPending;
  const error = existing ? replace.error : save.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed) return;
    const done = () => {
      notifications.show({ color: 'teal', message: t('views.saved', { name: trimmed }) });
      onClose();
    };
    if (existing) replace.mutate({ id: existing.id, filters }, { onSuccess: done });
    else save.mutate({ name: trimmed, filters }, { onSuccess: done });
  };
  const nameError = fieldErrors(error).name;
  return (
    <Modal opened onClose={onClose} title={t('views.saveTitle')}>
      <form onSubmit={submit} noValidate aria-label={t('views.saveTitle')}>
        <Stack gap="md">
          <TextInput
            label={t('views.name')}
            placeholder={t('views.namePlaceholder')}
            description={existing ? t('views.replaceHelp') : t('views.nameHelp')}
            required
            data-autofocus
            maxLength={VIEW_NAME_MAX}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
          />
          {error && !nameError ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} disabled={!trimmed}>
              {existing ? t('views.replace') : t('views.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export interface ViewsMenuProps<K extends ListKey> {
  /** The list's key (src/modules/views/schema.ts). */
  list: K;
  /** The list's current filters; empty ones are left out of a view. */
  filters: Record<string, unknown>;
  /** Sets the list's filters to a view's: a filter the view does not have is cleared. */
  onApply: (filters: ListFilters<K>) => void;
}

/** The "Views" menu beside a list's filters. */
export function ViewsMenu<K extends ListKey>({ list, filters, onApply }: ViewsMenuProps<K>) {
  const { t } = useTranslation();
  const { views, remove } = useSavedViews(list);
  const [opened, setOpened] = useState(false);
  const [saving, setSaving] = useState(false);
  const all = views.data ?? [];
  const active = all.find((v) => sameFilters(v.filters, filters));
  return (
    <>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width={300} withinPortal>
        <Popover.Target>
          <Button variant="default" leftSection={<IconBookmark size={16} />} rightSection={<IconChevronDown size={14} />} onClick={() => setOpened((o) => !o)}>
            {active ? t('views.menuActive', { name: active.name }) : t('views.menu')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap={6}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('views.title')}
            </Text>
            {views.isError ? <ErrorAlert error={views.error} title={t('views.loadFailed')} onRetry={() => void views.refetch()} /> : null}
            {views.isSuccess && all.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('views.none')}
              </Text>
            ) : null}
            {all.map((v) => (
              <Group key={v.id} gap={4} wrap="nowrap">
                <Button
                  variant={active?.id === v.id ? 'light' : 'subtle'}
                  size="compact-sm"
                  justify="flex-start"
                  style={{ flex: 1, minWidth: 0 }}
                  aria-label={t('views.apply', { name: v.name })}
                  onClick={() => {
                    onApply(v.filters as ListFilters<K>);
                    setOpened(false);
                  }}
                >
                  {v.name}
                </Button>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('views.delete', { name: v.name })}
                  loading={remove.isPending && remove.variables.id === v.id}
                  onClick={() => remove.mutate(v, { onSuccess: () => notifications.show({ message: t('views.deleted', { name: v.name }) }) })}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            {remove.isError ? <ErrorAlert error={remove.error} /> : null}
            <Divider />
            <Button
              variant="subtle"
              size="compact-sm"
              justify="flex-start"
              leftSection={<IconDeviceFloppy size={14} />}
              onClick={() => {
                setOpened(false);
                setSaving(true);
              }}
            >
              {t('views.saveCurrent')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {saving ? <SaveViewModal list={list} views={all} filters={filters} onClose={() => setSaving(false)} /> : null}
    </>
  );
}
