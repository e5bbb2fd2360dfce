import { ActionIcon, Button, Card, Checkbox, Group, NumberInput, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { DecisionOut, Seat } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath } from './api';

interface OptionValues {
  title: string;
  cost: number | string;
  riskEffect: string;
}

/** Opens a decision record (advisors): the question, what is proposed, the options, the seats asked. */
export function NewDecisionPage() {
  const { t } = useTranslation('governance');
  const { client, clientId, href } = useCurrentClient();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: {
      title: '',
      context: '',
      proposal: '',
      seats: ['CIO', 'CISO'] as Seat[],
      decideBy: '',
      options: [] as OptionValues[],
      proposed: '',
    },
    validate: {
      title: (v) => (v.trim() ? null : t('newDecision.giveTitle')),
      proposal: (v) => (v.trim() ? null : t('newDecision.sayProposed')),
      seats: (v) => (v.length > 0 ? null : t('newDecision.askOneSeat')),
    },
  });
  const create = useApiMutation({
    mutationFn: (body: object) => api.post<DecisionOut>(govPath(clientId, '/decisions'), body),
    success: t('newDecision.opened'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: (d) => navigate(href(`governance/decisions/${d.id}`)),
  });
  const submit = form.onSubmit((v) =>
    create.mutate(
      {
        title: v.title,
        context: v.context || null,
        proposal: v.proposal,
        seats: v.seats,
        decideBy: v.decideBy || null,
        options: v.options.map((o, i) => ({
          title: o.title,
          cost: o.cost === '' ? null : Number(o.cost),
          riskEffect: o.riskEffect || null,
          proposed: v.proposed === String(i),
        })),
      },
      { onError: (err) => form.setErrors(fieldErrors(err)) },
    ),
  );
  return (
    <>
      <PageHeader eyebrow={client.name} title={t('newDecision.title')} documentTitle={t('newDecision.documentTitle', { client: client.name })} description={t('newDecision.description')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={860}>
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <TextInput label={t('newDecision.titleLabel')} required {...form.getInputProps('title')} />
          <Textarea label={t('newDecision.context')} autosize minRows={2} {...form.getInputProps('context')} />
          <Textarea label={t('newDecision.proposal')} description={t('newDecision.proposalHelp')} required autosize minRows={2} {...form.getInputProps('proposal')} />
          <Checkbox.Group label={t('newDecision.seats')} required {...form.getInputProps('seats')}>
            <Group mt="xs">
              {(['CIO', 'CTO', 'CISO'] as const).map((s) => (
                <Checkbox key={s} value={s} label={s} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput type="date" label={t('newDecision.decideBy')} w={220} {...form.getInputProps('decideBy')} />
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} fz="h4">
                {t('newDecision.options')}
              </Title>
              <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('options', { title: '', cost: '', riskEffect: '' })}>
                {t('newDecision.addOption')}
              </Button>
            </Group>
            {form.values.options.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('newDecision.noOptions')}
              </Text>
            ) : null}
            <Radio.Group {...form.getInputProps('proposed')}>
              <Stack gap="sm">
                {form.values.options.map((_, i) => (
                  <Group key={i} align="flex-end" wrap="nowrap" gap="sm">
                    <TextInput label={t('newDecision.option', { n: i + 1 })} required style={{ flex: 2 }} {...form.getInputProps(`options.${i}.title`)} />
                    <NumberInput label={t('newDecision.cost', { currency: client.currency })} min={0} thousandSeparator="," style={{ flex: 1 }} {...form.getInputProps(`options.${i}.cost`)} />
                    <TextInput label={t('newDecision.effect')} style={{ flex: 2 }} {...form.getInputProps(`options.${i}.riskEffect`)} />
                    <Radio value={String(i)} label={t('newDecision.proposed')} mb={8} />
                    <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('newDecision.removeOption', { n: i + 1 })} onClick={() => form.removeListItem('options', i)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            </Radio.Group>
          </Card>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(href('governance/decisions'))}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('newDecision.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
