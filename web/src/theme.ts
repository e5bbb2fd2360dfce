import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** Triad's accent: a deep harbour blue, calm enough for board material. */
const triad: MantineColorsTuple = [
  '#eef4fa',
  '#dce6f1',
  '#b5cbe3',
  '#8baed5',
  '#6895c9',
  '#5285c2',
  '#457dc0',
  '#366aa9',
  '#2c5e98',
  '#1f4e79',
];

export const theme = createTheme({
  primaryColor: 'triad',
  primaryShade: { light: 8, dark: 5 },
  colors: { triad },
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, monospace',
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.625rem', lineHeight: '1.3' },
      h2: { fontSize: '1.25rem', lineHeight: '1.35' },
      h3: { fontSize: '1.0625rem', lineHeight: '1.4' },
    },
  },
  cursorType: 'pointer',
  components: {
    // No asterisk inside labels: the label reads exactly "E-mail", for people and for tests
    // (getByLabel('E-mail', { exact: true })). Required fields keep `required` (aria-required)
    // and say so when left empty; optional ones say "Optional" in their description.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    Button: { defaultProps: { radius: 'md' } },
    Modal: { defaultProps: { radius: 'md', centered: true, overlayProps: { backgroundOpacity: 0.4, blur: 2 } } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    // A number out of range is refused with a message on its field (by the form or the API),
    // never silently clamped to the range on blur.
    NumberInput: { defaultProps: { clampBehavior: 'none' } },
  },
});
