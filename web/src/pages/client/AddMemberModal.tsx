import { Button, Checkbox, Collapse, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { api, clientPath, fieldErrors, isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import type { Member, MemberInput, MemberRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

const ROLES = ['advisor', 'executive', 'contributor', 'viewer'] as const satisfies readonly MemberRole[];

/**
 * Adds a person to the client: someone who already has a Triad account is found by e-mail;
 * someone new gets an account with a name and a first password.
 */
export function AddMemberModal({ clientId, clientName, opened, onClose }: { clientId: string; clientName: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('home');
  const form = useForm({
    initialValues: { email: '', role: 'contributor' as MemberRole, isNew: false, name: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('addMember.enterEmail')),
      name: (v, values) => (values.isNew && !v.trim() ? t('addMember.needsName') : null),
      password: (v, values) => (values.isNew && v.length < 10 ? t('addMember.atLeast10') : null),
    },
  });
  const add = useApiMutation({
    mutationFn: (input: MemberInput) => api.post<Member>(clientPath(clientId, '/members'), input),
    success: (m) => t('addMember.added', { name: m.name, client: clientName }),
    notifyError: false,
    invalidate: [keys.client(clientId)],
    onSuccess: () => {
      form.reset();
      onClose();
    },
  });
  const close = () => {
    add.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((v) => {
    const input: MemberInput = { email: v.email.trim(), role: v.role };
    if (v.isNew) {
      input.name = v.name.trim();
      input.password = v.password;
    }
    add.mutate(input, {
      onError: (err) => {
        const errors = fieldErrors(err);
        // The e-mail is new to Triad: ask for the rest of what a new account needs.
        if (isApiError(err) && (errors.name || errors.password) && !v.isNew) form.setFieldValue('isNew', true);
        form.setErrors(errors);
      },
    });
  });
  return (
    <Modal opened={opened} onClose={close} title={t('addMember.title', { client: clientName })} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          <TextInput label={t('addMember.email')} type="email" required data-autofocus {...form.getInputProps('email')} />
          <Select
            label={t('addMember.role')}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            allowDeselect={false}
            description={t(`roleHelp.${form.values.role}`)}
            {...form.getInputProps('role')}
          />
          <Checkbox label={t('addMember.isNew')} {...form.getInputProps('isNew', { type: 'checkbox' })} />
          <Collapse expanded={form.values.isNew}>
            <Stack gap="md">
              <TextInput label={t('addMember.fullName')} required={form.values.isNew} {...form.getInputProps('name')} />
              <PasswordInput
                label={t('addMember.firstPassword')}
                description={t('addMember.firstPasswordHelp')}
                autoComplete="new-password"
                required={form.values.isNew}
                {...form.getInputProps('password')}
              />
            </Stack>
          </Collapse>
          {!form.values.isNew ? (
            <Text size="xs" c="dimmed">
              {t('addMember.existing')}
            </Text>
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('addMember.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
