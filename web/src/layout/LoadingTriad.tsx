import { Center, Loader, Stack } from '@mantine/core';
import i18n from '../i18n';
import { BrandMark } from './Brand';

/** The whole window while the signed-in app starts: its code on a first visit, then the account. */
export function LoadingTriad() {
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <BrandMark size={40} />
        <Loader size="sm" type="dots" aria-label={i18n.t('ui.loadingTriad')} />
      </Stack>
    </Center>
  );
}
