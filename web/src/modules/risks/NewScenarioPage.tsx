import { ActionIcon, Anchor, Autocomplete, Button, Card, Grid, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconArrowLeft, IconPlus, IconTrash } from '@tabler/icons-react';
import type { FairInputs, LinkInput, ScenarioDetailOut } from '@schema/risks';
import type { TemplateOut, TemplatesOut } from '@schema/risks/templates';
import { paramProblems, TEMPLATES } from '@shared/risks/templates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/Skeletons';
import i18n from '../../i18n';
import { useCurrentClient } from '../../layout/client-context';
import { recomputeJob, riskChangeKeys, riskKeys, useTemplates } from './api';
import { BLANK_INPUTS, FairInputsEditor, inputProblems } from './inputs';
import { useSimulationPreview } from './preview';
import { money } from './ui';

type LinkKind = LinkInput['kind'];
const LINK_KINDS = ['service', 'system', 'dataset', 'vendor'] as const satisfies readonly LinkKind[];

interface LinkTargets {
  targets: { kind: LinkKind; id: string; name: string }[];
}

const UNIT_SUFFIX: Record<string, string | undefined> = { hours: ' h', probability: ' %', share: ' %' };

function ParamInput({ param, value, onChange, error }: { param: TemplateOut['params'][number]; value: number; onChange: (v: number) => void; error?: string | undefined }) {
  const { t } = useTranslation('risks');
  const pct = param.unit === 'probability' || param.unit === 'share';
  return (
    <NumberInput
      label={param.label}
      description={param.help || undefined}
      value={pct ? Math.round(value * 100_000) / 1000 : value}
      min={0}
      max={pct ? 100 : undefined}
      clampBehavior="none"
      error={error}
      thousandSeparator={param.unit === 'money' || param.unit === 'count' ? ',' : undefined}
      suffix={param.unit === 'per-year' ? t('create.perYear') : UNIT_SUFFIX[param.unit]}
      decimalScale={param.unit === 'money' || param.unit === 'count' ? 0 : 4}
      onChange={(v) => {
        const n = Number(v);
        if (Number.isFinite(n)) onChange(pct ? n / 100 : n);
      }}
    />
  );
}

function LinksEditor({ links, onChange, targets }: { links: LinkInput[]; onChange: (l: LinkInput[]) => void; targets: LinkTargets['targets'] }) {
  const { t } = useTranslation('risks');
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('create.touches')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('create.touchesHelp')}
      </Text>
      {links.map((l, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
          <Select aria-label={t('create.kind')} data={LINK_KINDS.map((value) => ({ value, label: t(`linkKind.${value}`) }))} value={l.kind} allowDeselect={false} w={170} onChange={(v) => v && onChange(links.map((x, j) => (j === i ? { kind: v, label: x.label, targetId: null } : x)))} />
          <Autocomplete
            aria-label={t('create.name')}
            style={{ flex: 1 }}
            data={[...new Set(targets.filter((x) => x.kind === l.kind).map((x) => x.name))]}
            value={l.label}
            onChange={(v) => {
              const hit = targets.find((x) => x.kind === l.kind && x.name === v);
              onChange(links.map((x, j) => (j === i ? { kind: x.kind, label: v, targetId: hit?.id ?? null } : x)));
            }}
          />
          <ActionIcon variant="subtle" color="gray" aria-label={t('create.removeLink')} onClick={() => onChange(links.filter((_, j) => j !== i))} mb={4}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...links, { kind: 'service', label: '', targetId: null }])}>
          {t('create.addLink')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A new scenario: from a template (with the client's defaults, adjustable) or from scratch. */
export function NewScenarioPage() {
  const { t } = useTranslation('risks');
  const { clientId, client, href, can } = useCurrentClient();
  const canEdit = can('risks.edit');
  const navigate = useNavigate();
  const templates = useTemplates(clientId);
  const targets = useQuery({
    queryKey: [...riskKeys.all(clientId), 'link-targets'],
    queryFn: ({ signal }) => api.get<LinkTargets>(clientPath(clientId, '/risks/link-targets'), { signal }),
    staleTime: 60_000,
  });
  const [template, setTemplate] = useState<TemplateOut | 'blank' | null>(null);
  const [params, setParams] = useState<Record<string, number>>({});
  const [inputs, setInputs] = useState<FairInputs>(BLANK_INPUTS);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [threat, setThreat] = useState('');
  const [owner, setOwner] = useState<'CIO' | 'CTO' | 'CISO'>('CISO');
  const [links, setLinks] = useState<LinkInput[]>([]);
  const preview = useSimulationPreview(inputs);
  const saveDefaults = useApiMutation({
    mutationFn: ({ key, params: p }: { key: string; params: Record<string, number> }) => api.put<TemplatesOut>(clientPath(clientId, `/risks/templates/${key}`), { params: p }),
    success: (_r, v) => (Object.keys(v.params).length ? t('create.defaultsSaved') : t('create.defaultsRestored')),
    invalidate: [riskKeys.templates(clientId)],
  });
  const create = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<ScenarioDetailOut>(clientPath(clientId, '/risks'), body),
    job: recomputeJob(clientId, (s: ScenarioDetailOut) => i18n.t(s.proposed ? 'jobs.recompute.scenarioProposed' : 'jobs.recompute.scenarioAdded', { name: `${s.ref} ${s.title}` })),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: (s) => void navigate(href(`risks/${s.id}`)),
  });

  const choose = (chosen: TemplateOut | 'blank') => {
    setTemplate(chosen);
    if (chosen === 'blank') {
      setInputs(BLANK_INPUTS);
      setTitle('');
      setThreat('');
      return;
    }
    const p = Object.fromEntries(chosen.params.map((x) => [x.key, x.value]));
    setParams(p);
    setInputs(chosen.inputs ?? TEMPLATES[chosen.key].build(p));
    setTitle(chosen.name);
    setThreat(chosen.threat);
    setDescription(chosen.description);
    setOwner(chosen.ownerSeat);
  };
  const setParam = (key: string, value: number) => {
    if (template === 'blank' || !template) return;
    const next = { ...params, [key]: value };
    setParams(next);
    setInputs(TEMPLATES[template.key].build(next));
  };

  if (templates.isPending) return <PageSkeleton />;
  if (templates.isError) return <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />;
  const paramErrors = new Map(template && template !== 'blank' ? paramProblems(TEMPLATES[template.key], params).map((p) => [p.key, `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}`]) : []);
  const invalid = Object.keys(inputProblems(inputs)).length > 0 || paramErrors.size > 0;
  const currency = client.currency;

  return (
    <>
      <Anchor component={Link} to={href('risks')} size="sm" mb="sm" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> {t('create.back')}
        </Group>
      </Anchor>
      <PageHeader
        eyebrow={client.name}
        title={canEdit ? t('create.title') : t('create.proposeTitle')}
        description={canEdit ? t('create.description') : t('create.proposeDescription')}
      />
      {!template ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {templates.data.templates.map((x) => (
            <UnstyledButton key={x.key} onClick={() => choose(x)} aria-label={t('create.startFrom', { name: x.name })}>
              <Card h="100%" withBorder>
                <Text fw={600}>{x.name}</Text>
                <Text size="xs" c="dimmed" mt={4} lineClamp={4}>
                  {x.description}
                </Text>
                {x.expectedMean !== null ? (
                  <Text size="xs" mt="sm">
                    {t('create.about', { mean: money(x.expectedMean, currency, true), client: client.name })}
                  </Text>
                ) : null}
              </Card>
            </UnstyledButton>
          ))}
          <UnstyledButton onClick={() => choose('blank')} aria-label={t('create.startBlank')}>
            <Card h="100%" withBorder style={{ borderStyle: 'dashed' }}>
              <Text fw={600}>{t('create.blank')}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('create.blankHelp')}
              </Text>
            </Card>
          </UnstyledButton>
        </SimpleGrid>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              title: title.trim(),
              description: description.trim() || null,
              threat: threat.trim() || null,
              ownerSeat: owner,
              ...(template !== 'blank' ? { template: template.key, templateParams: params } : {}),
              inputs,
              links: links.filter((l) => l.label.trim()).map((l) => ({ kind: l.kind, label: l.label.trim(), targetId: l.targetId ?? null })),
            });
          }}
        >
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="md">
                {create.isError ? <ErrorAlert error={create.error} /> : null}
                <TextInput label={t('create.titleLabel')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
                <Textarea label={t('create.whatHappens')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
                <TextInput label={t('create.threat')} value={threat} onChange={(e) => setThreat(e.currentTarget.value)} />
                <Select label={t('create.ownerSeat')} data={['CIO', 'CTO', 'CISO']} value={owner} allowDeselect={false} onChange={(v) => v && setOwner(v)} />
                <LinksEditor links={links} onChange={setLinks} targets={targets.data?.targets ?? []} />
                {template !== 'blank' ? (
                  <Card withBorder>
                    <Title order={3} fz="h5" mb="xs">
                      {t('create.parameters', { name: template.name })}
                    </Title>
                    <Text size="xs" c="dimmed" mb="sm">
                      {t('create.parametersHelp', { client: client.name })}
                    </Text>
                    <Stack gap="sm">
                      {template.params.map((p) => (
                        <ParamInput key={p.key} param={p} value={params[p.key] ?? p.value} onChange={(v) => setParam(p.key, v)} error={paramErrors.get(p.key)} />
                      ))}
                      {canEdit ? (
                        <Group justify="space-between" gap="xs">
                          <Button
                            size="xs"
                            variant="subtle"
                            loading={saveDefaults.isPending}
                            onClick={() => saveDefaults.mutate({ key: template.key, params: Object.fromEntries(template.params.filter((p) => params[p.key] !== p.standard).map((p) => [p.key, params[p.key]!])) })}
                          >
                            {t('create.saveDefaults', { client: client.name })}
                          </Button>
                          <Button size="xs" variant="subtle" color="gray" onClick={() => saveDefaults.mutate({ key: template.key, params: {} })}>
                            {t('create.restoreDefaults')}
                          </Button>
                        </Group>
                      ) : null}
                    </Stack>
                  </Card>
                ) : null}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <Card withBorder>
                  <Title order={3} fz="h4" mb="sm">
                    {t('create.ranges')}
                  </Title>
                  <FairInputsEditor value={inputs} onChange={setInputs} currency={currency} />
                </Card>
                <Card withBorder bg="gray.0" role="status" aria-label={t('create.preview')}>
                  {preview ? (
                    <Text size="sm">
                      <Trans t={t} i18nKey="create.previewText" values={{ mean: money(preview.mean, currency), p90: money(preview.p90, currency), p99: money(preview.p99, currency) }} components={{ strong: <strong /> }} />
                    </Text>
                  ) : (
                    <Text size="sm" c="red">
                      {t('create.fixRanges')}
                    </Text>
                  )}
                </Card>
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setTemplate(null)}>
                    {t('create.backToTemplates')}
                  </Button>
                  <Button type="submit" loading={create.isPending} disabled={invalid || !title.trim()}>
                    {canEdit ? t('create.create') : t('create.propose')}
                  </Button>
                </Group>
              </Stack>
            </Grid.Col>
          </Grid>
        </form>
      )}
    </>
  );
}
