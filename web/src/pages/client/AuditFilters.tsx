/**
 * The audit trail's filters: days (a range in the viewer's calendar), person, kind of record,
 * action, and one record (set from a record's "History" link or a row of the trail). They live
 * in the page's address, so a link, a reload and a saved view all give the same list.
 */
import { Button, Group, Pill, Select, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import type { AuditFacetsOut, AuditFilters } from '@schema/audit';
import type { ListFilters } from '@schema/views';
import 'dayjs/locale/de';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { ViewsMenu } from '../../components/SavedViews';
import { currentLanguage } from '../../i18n';
import { describeAction, describeEntity } from './audit-format';

/** The filters a person sets on the page (the time zone is the viewer's, added when asking). */
export type TrailFilters = ListFilters<'audit'>;
const FILTER_KEYS = ['from', 'to', 'actor', 'entityType', 'entityId', 'action'] as const satisfies readonly (keyof TrailFilters & keyof AuditFilters)[];

function filtersIn(params: URLSearchParams): TrailFilters {
  const out: TrailFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** The filters with a change: a key given without a value is cleared. */
function patched(cur: TrailFilters, patch: TrailFilters): TrailFilters {
  const next: TrailFilters = { ...cur };
  for (const k of FILTER_KEYS) {
    if (!(k in patch)) continue;
    const v = patch[k];
    if (v) next[k] = v;
    else delete next[k];
  }
  return next;
}

/**
 * The filters, kept in the page's address (a link, a reload and a saved view give the same
 * list). The page's state leads: changes made in quick succession each build on the last, and
 * the address follows; an address reached from elsewhere (a record's "History" link) leads.
 */
export function useTrailFilters(): { filters: TrailFilters; update: (patch: TrailFilters) => void; replace: (all: TrailFilters) => void } {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const [filters, setFilters] = useState<TrailFilters>(() => filtersIn(params));
  const fromHere = (location.state as { trailFilters?: boolean } | null)?.trailFilters === true;
  const inAddress = JSON.stringify(filtersIn(params));
  // An address that changed from elsewhere leads (adjusted while rendering, as React advises).
  const [seen, setSeen] = useState(inAddress);
  if (inAddress !== seen) {
    setSeen(inAddress);
    if (!fromHere && JSON.stringify(filters) !== inAddress) setFilters(JSON.parse(inAddress) as TrailFilters);
  }
  useEffect(() => {
    if (JSON.stringify(filters) === inAddress) return;
    const next = new URLSearchParams(params);
    for (const k of FILTER_KEYS) {
      const v = filters[k];
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true, state: { trailFilters: true } });
    // Only the filters lead here; the address is compared, not followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);
  const update = useCallback((patch: TrailFilters) => setFilters((cur) => patched(cur, patch)), []);
  const replace = useCallback((all: TrailFilters) => setFilters(patched({}, Object.fromEntries(FILTER_KEYS.map((k) => [k, all[k]])) as TrailFilters)), []);
  return { filters, update, replace };
}

/** A kind of record as people read it: "Risk scenario", "Risikoszenario". */
export function useKindLabel(): (entityType: string) => string {
  const { t } = useTranslation();
  return useCallback((entityType: string) => t(`audit.kinds.${entityType}`, { defaultValue: describeEntity(entityType) }), [t]);
}

interface Props {
  filters: TrailFilters;
  /** Changes some filters (a key without a value clears it). */
  onUpdate: (patch: TrailFilters) => void;
  /** Sets every filter (a view, or none). */
  onReplace: (all: TrailFilters) => void;
  facets: AuditFacetsOut | undefined;
  /** What the one record filtered by is called, when the trail says. */
  recordName: string | null;
}

export function AuditFilterBar({ filters, onUpdate: set, onReplace, facets, recordName }: Props) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();

  const people = useMemo(() => {
    const list = (facets?.people ?? []).map((p) => ({ value: p.actor, label: p.actor === 'system' ? t('audit.system') : p.name, email: p.email }));
    if (filters.actor && !list.some((p) => p.value === filters.actor)) list.push({ value: filters.actor, label: filters.actor, email: null });
    return list;
  }, [facets, filters.actor, t]);
  const emails = new Map(people.map((p) => [p.value, p.email]));

  const kinds = useMemo(() => {
    const list = (facets?.kinds ?? []).map((k) => ({ value: k.entityType, label: kindLabel(k.entityType) }));
    if (filters.entityType && !list.some((k) => k.value === filters.entityType)) list.push({ value: filters.entityType, label: kindLabel(filters.entityType) });
    return list.sort((a, b) => a.label.localeCompare(b.label));
  }, [facets, filters.entityType, kindLabel]);

  const actions = useMemo(() => {
    const of = (facets?.kinds ?? []).filter((k) => !filters.entityType || k.entityType === filters.entityType);
    const groups = of
      .map((k) => ({ group: kindLabel(k.entityType), items: k.actions.map((a) => ({ value: a.action, label: describeAction(a.action) })) }))
      .sort((a, b) => a.group.localeCompare(b.group));
    const known = groups.some((g) => g.items.some((i) => i.value === filters.action));
    if (filters.action && !known) groups.push({ group: t('audit.otherActions'), items: [{ value: filters.action, label: describeAction(filters.action) }] });
    return filters.entityType ? groups.flatMap((g) => g.items) : groups;
  }, [facets, filters.entityType, filters.action, kindLabel, t]);

  const anything = FILTER_KEYS.some((k) => filters[k]);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <DatePickerInput
        type="range"
        label={t('audit.days')}
        placeholder={t('audit.anyDay')}
        value={[filters.from ?? null, filters.to ?? null]}
        onChange={([from, to]) => set({ from: from ?? undefined, to: to ?? undefined })}
        allowSingleDateInRange
        clearable
        locale={currentLanguage()}
        valueFormat="D MMM YYYY"
        ariaLabels={{ nextMonth: t('audit.nextMonth'), previousMonth: t('audit.previousMonth'), nextYear: t('audit.nextYear'), previousYear: t('audit.previousYear'), nextDecade: t('audit.nextDecade'), previousDecade: t('audit.previousDecade'), monthLevelControl: t('audit.chooseMonth'), yearLevelControl: t('audit.chooseYear') }}
        w={220}
      />
      <Select
        label={t('audit.person')}
        placeholder={t('audit.anyone')}
        data={people}
        value={filters.actor ?? null}
        onChange={(v) => set({ actor: v ?? undefined })}
        renderOption={({ option }) => (
          <div>
            <Text size="sm">{option.label}</Text>
            {emails.get(option.value) ? (
              <Text size="xs" c="dimmed">
                {emails.get(option.value)}
              </Text>
            ) : null}
          </div>
        )}
        searchable
        clearable
        nothingFoundMessage={t('audit.nobody')}
        w={200}
      />
      <Select
        label={t('audit.kind')}
        placeholder={t('audit.allRecords')}
        data={kinds}
        value={filters.entityType ?? null}
        onChange={(v) => {
          const kind = facets?.kinds.find((k) => k.entityType === v);
          const keepAction = filters.action && (!v || kind?.actions.some((a) => a.action === filters.action));
          set({ entityType: v ?? undefined, entityId: undefined, action: keepAction ? filters.action : undefined });
        }}
        searchable
        clearable
        w={180}
      />
      <Select label={t('audit.action')} placeholder={t('audit.anyAction')} data={actions} value={filters.action ?? null} onChange={(v) => set({ action: v ?? undefined })} searchable clearable w={230} />
      {filters.entityId ? (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('audit.record')}
          </Text>
          <Pill size="lg" withRemoveButton removeButtonProps={{ 'aria-label': t('audit.allOfKind') }} onRemove={() => set({ entityId: undefined })}>
            {kindLabel(filters.entityType ?? '')}: {recordName ?? filters.entityId}
          </Pill>
        </div>
      ) : null}
      <ViewsMenu list="audit" filters={filters} onApply={onReplace} />
      {anything ? (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => onReplace({})}>
          {t('audit.clearFilters')}
        </Button>
      ) : null}
    </Group>
  );
}
