/**
 * "Columns": which columns a long table shows, chosen by the person and kept in this browser
 * (mantine-datatable's column toggling under the table's `storeColumnsKey`, in localStorage).
 * TriadTable shows it for a table given `columnsKey`; a column without a text title (a row's
 * buttons) always shows, and so does the last one left.
 */
import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import type { DataTableColumnToggle } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ColumnsMenuProps {
  /** The columns' visibility, as useDataTableColumns keeps it. */
  toggles: readonly DataTableColumnToggle[];
  /** The columns a person may hide (by accessor). */
  choosable: ReadonlySet<string>;
  setToggles: (toggles: DataTableColumnToggle[]) => void;
  reset: () => void;
  /** Each column's title, by accessor. */
  titles: Record<string, string>;
}

export function ColumnsMenu({ toggles, choosable: may, setToggles, reset, titles }: ColumnsMenuProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const choosable = toggles.filter((c) => may.has(c.accessor));
  const shown = toggles.filter((c) => c.toggled).length;
  if (choosable.length === 0) return null;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" leftSection={<IconColumns3 size={12} />} onClick={() => setOpened((o) => !o)}>
          {t('columns.menu')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={8}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {t('columns.title')}
          </Text>
          {choosable.map((c) => {
            const last = c.toggled && shown === 1;
            return (
              <Checkbox
                key={c.accessor}
                size="sm"
                label={titles[c.accessor] ?? c.accessor}
                checked={c.toggled}
                disabled={last}
                title={last ? t('columns.lastOne') : undefined}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setToggles(toggles.map((x) => (x.accessor === c.accessor ? { ...x, toggled: on } : x)));
                }}
              />
            );
          })}
          <Button size="compact-xs" variant="subtle" onClick={reset} disabled={choosable.every((c) => c.toggled)}>
            {t('columns.reset')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
