import { Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MfaSetupOut } from '@schema/accounts';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MfaEnrolment, RecoveryCodes } from '../../components/MfaEnrolment';

/** The firm requires a second factor this person has not set up: set it up, then in. */
export default function EnrolStep({ challenge, onSignedIn }: { challenge: string; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const setup = useQuery({
    queryKey: ['mfa-enrol', challenge],
    queryFn: () => api.post<MfaSetupOut>('/api/auth/mfa/enrol/start', { challenge }, { redirectOn401: false }),
    staleTime: Infinity,
    retry: false,
  });
  const [done, setDone] = useState<(Me & { recoveryCodes: string[] }) | null>(null);
  const finish = useMutation({
    mutationFn: (code: string) => api.post<Me & { recoveryCodes: string[] }>('/api/auth/mfa/enrol/finish', { challenge, code }, { redirectOn401: false }),
    onSuccess: setDone,
  });
  if (done) {
    const { recoveryCodes, ...me } = done;
    return (
      <Stack gap="md">
        <Title order={1} fz="h2">
          {t('mfa.isOn')}
        </Title>
        <RecoveryCodes codes={recoveryCodes} onDone={() => onSignedIn(me)} doneLabel={t('mfa.continue')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz="h2">
          {t('mfa.setUp')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mfa.required')}
        </Text>
      </div>
      {setup.isError ? <ErrorAlert error={setup.error} title={t('mfa.couldNotStart')} /> : null}
      {setup.data ? <MfaEnrolment setup={setup.data} onConfirm={(code) => finish.mutate(code)} pending={finish.isPending} error={finish.error} /> : null}
    </Stack>
  );
}
