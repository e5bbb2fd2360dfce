import { Button, Checkbox, Collapse, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { api, clientPath, fieldErrors, isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import type { Member, MemberInput, MemberRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MEMBER_ROLE_HELP, memberRoleOptions } from '../../components/Roles';

/**
 * Adds a person to the client: someone who already has a Triad account is found by e-mail;
 * someone new gets an account with a name and a first password.
 */
export function AddMemberModal({ clientId, clientName, opened, onClose }: { clientId: string; clientName: string; opened: boolean; onClose: () => void }) {
  const form = useForm({
    initialValues: { email: '', role: 'contributor' as MemberRole, isNew: false, name: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an e-mail address'),
      name: (v, values) => (values.isNew && !v.trim() ? 'A new person needs a name' : null),
      password: (v, values) => (values.isNew && v.length < 10 ? 'At least 10 characters' : null),
    },
  });
  const add = useApiMutation({
    mutationFn: (input: MemberInput) => api.post<Member>(clientPath(clientId, '/members'), input),
    success: (m) => `${m.name} was added to ${clientName}.`,
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
    <Modal opened={opened} onClose={close} title={`Add a member to ${clientName}`} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          <TextInput label="E-mail" type="email" required data-autofocus {...form.getInputProps('email')} />
          <Select
            label="Role"
            data={memberRoleOptions}
            allowDeselect={false}
            description={MEMBER_ROLE_HELP[form.values.role]}
            {...form.getInputProps('role')}
          />
          <Checkbox label="This person is new to Triad (create their account)" {...form.getInputProps('isNew', { type: 'checkbox' })} />
          <Collapse expanded={form.values.isNew}>
            <Stack gap="md">
              <TextInput label="Full name" required={form.values.isNew} {...form.getInputProps('name')} />
              <PasswordInput
                label="First password"
                description="At least 10 characters. Share it with them safely; they can change it under Your account."
                autoComplete="new-password"
                required={form.values.isNew}
                {...form.getInputProps('password')}
              />
            </Stack>
          </Collapse>
          {!form.values.isNew ? (
            <Text size="xs" c="dimmed">
              Someone who already has a Triad account at your firm is found by their e-mail.
            </Text>
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
