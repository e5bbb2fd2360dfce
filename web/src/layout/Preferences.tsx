import { ActionIcon, Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconCheck, IconLanguage, IconMoon, IconSun, IconSunMoon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n';

const SCHEMES: { value: MantineColorScheme; key: 'schemeAuto' | 'schemeLight' | 'schemeDark'; icon: typeof IconSun }[] = [
  { value: 'auto', key: 'schemeAuto', icon: IconSunMoon },
  { value: 'light', key: 'schemeLight', icon: IconSun },
  { value: 'dark', key: 'schemeDark', icon: IconMoon },
];

/**
 * The colour scheme (as the system by default, kept in this browser by Mantine's colour scheme
 * manager) and the language, in one small menu: in the header, and on the sign-in page.
 */
export function Preferences() {
  const { t } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const language = currentLanguage();
  const Current = SCHEMES.find((s) => s.value === colorScheme)?.icon ?? IconSunMoon;
  const check = (on: boolean) => (on ? <IconCheck size={14} /> : null);
  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('preferences.menu')}>
          <Current size={18} stroke={1.6} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('preferences.colorScheme')}</Menu.Label>
        {SCHEMES.map((s) => (
          <Menu.Item key={s.value} leftSection={<s.icon size={16} />} rightSection={check(colorScheme === s.value)} onClick={() => setColorScheme(s.value)}>
            {t(`preferences.${s.key}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>{t('preferences.language')}</Menu.Label>
        {(Object.keys(LANGUAGES) as Language[]).map((l) => (
          <Menu.Item key={l} leftSection={<IconLanguage size={16} />} rightSection={check(language === l)} onClick={() => void changeLanguage(l)} lang={l}>
            {LANGUAGES[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
