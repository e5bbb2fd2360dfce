/**
 * The board pack's content in the web app: the same blocks the PDF and HTML are drawn from,
 * with the same words and figures, and the charts from the same option builders.
 */
import { Alert, Badge, Box, Card, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { reportChartOption } from '@shared/charts/reports';
import { concernHead, responseLine, stanceTone, stanceWord, type Tone } from '@shared/reports/words';
import type { Block, Figure, ResponseItem, Section } from '@schema/reports';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';

const TONE_COLOR: Record<Tone, string> = { neutral: 'gray', good: 'teal', bad: 'red', warn: 'orange' };
const CHART_HEIGHT = { 'loss-exceedance': 340, 'replacement-cost': 240, 'worst-case': 220, 'budget-months': 260, 'risk-trend': 240, maturity: 300 } as const;

function Figures({ items }: { items: Figure[] }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: Math.min(4, items.length) }} spacing="sm">
      {items.map((f) => (
        <Card key={f.label} padding="sm" withBorder style={{ borderLeft: `4px solid var(--mantine-color-${f.tone === 'neutral' ? 'triad' : TONE_COLOR[f.tone]}-6)` }}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
            {f.label}
          </Text>
          <Text fz={22} fw={700} c={f.tone === 'bad' ? 'red.7' : f.tone === 'good' ? 'teal.7' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {f.value}
          </Text>
          {f.note ? (
            <Text size="xs" c="dimmed">
              {f.note}
            </Text>
          ) : null}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Responses({ items }: { items: ResponseItem[] }) {
  const { t } = useTranslation('reports');
  return (
    <Stack gap="xs">
      {items.map((r) => {
        const { text, tone } = responseLine(r);
        return (
          <Paper key={`${r.subjectType}:${r.subjectId}:${r.seat}`} p="sm" bg="gray.0" style={{ borderLeft: `4px solid var(--mantine-color-${TONE_COLOR[tone]}-6)` }} aria-label={t('blocks.response', { seat: r.seat })}>
            <Text size="xs" c="dimmed">
              {concernHead(r)}
            </Text>
            <Text size="sm" fs="italic">
              “{r.concern}”
            </Text>
            <Text size="sm" fw={600} c={tone === 'warn' ? 'orange.8' : undefined}>
              {text}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}

export function BlockView({ block }: { block: Block }) {
  const { t } = useTranslation('reports');
  switch (block.kind) {
    case 'paragraph':
      return block.tone === 'neutral' ? (
        <Text size="sm">{block.text}</Text>
      ) : (
        <Box pl="sm" style={{ borderLeft: `3px solid var(--mantine-color-${TONE_COLOR[block.tone]}-6)` }}>
          <Text size="sm">{block.text}</Text>
        </Box>
      );
    case 'heading':
      return (
        <Title order={3} fz="h4" mt="sm">
          {block.text}
        </Title>
      );
    case 'figures':
      return <Figures items={block.items} />;
    case 'list':
      return (
        <List size="sm" spacing={6}>
          {block.items.map((item, i) => (
            <List.Item key={i} c={item.tone === 'bad' ? 'red.8' : undefined}>
              {item.text}
            </List.Item>
          ))}
        </List>
      );
    case 'unavailable':
      return (
        <Alert color="gray" variant="light">
          {block.text}
        </Alert>
      );
    case 'fineprint':
      return (
        <Text size="xs" c="dimmed">
          {block.text}
        </Text>
      );
    case 'table':
      if (block.rows.length === 0) {
        return block.empty ? (
          <Text size="sm" c="dimmed">
            {block.empty}
          </Text>
        ) : null;
      }
      return (
        <Stack gap={4}>
          {block.caption ? (
            <Text size="xs" c="dimmed" fs="italic">
              {block.caption}
            </Text>
          ) : null}
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  {block.columns.map((c) => (
                    <Table.Th key={c.key} ta={c.align}>
                      {c.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {block.rows.map((r, i) => (
                  <Table.Tr key={i} style={r.tone !== 'neutral' ? { boxShadow: `inset 3px 0 var(--mantine-color-${TONE_COLOR[r.tone]}-6)` } : undefined}>
                    {block.columns.map((c) => (
                      <Table.Td key={c.key} ta={c.align} style={c.align === 'right' ? { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } : undefined}>
                        {r.cells[c.key] ?? ''}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {block.note ? (
            <Text size="xs" c="dimmed">
              {block.note}
            </Text>
          ) : null}
        </Stack>
      );
    case 'chart':
      return (
        <Stack gap={4}>
          <div role="img" aria-label={block.alt}>
            <EChart option={reportChartOption(block.chart)} height={CHART_HEIGHT[block.chart.type]} />
          </div>
          {block.caption ? (
            <Text size="xs" c="dimmed" fs="italic">
              {block.caption}
            </Text>
          ) : null}
        </Stack>
      );
    case 'positions':
      return (
        <Stack gap={6}>
          <Text fw={700}>{block.title}</Text>
          <Text size="sm">{t('blocks.proposal', { proposal: block.proposal })}</Text>
          {block.detail ? (
            <Text size="xs" c="dimmed">
              {block.detail}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: block.positions.length }} spacing="sm" aria-label={t('blocks.positions', { title: block.title })}>
            {block.positions.map((p) => (
              <Card key={p.seat} withBorder padding="sm" style={{ borderTop: `4px solid var(--mantine-color-${TONE_COLOR[stanceTone(p.stance)]}-6)` }}>
                <Group justify="space-between" gap="xs">
                  <Text fw={700} size="sm">
                    {p.seat}
                    {p.holder ? ` – ${p.holder}` : t('blocks.vacant')}
                  </Text>
                  <Badge color={TONE_COLOR[stanceTone(p.stance)]} variant="light">
                    {stanceWord(p.stance)}
                  </Badge>
                </Group>
                <Text size="sm" mt={4}>
                  {p.rationale ?? t('blocks.noPosition')}
                </Text>
                {p.prefers ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('blocks.prefers', { option: p.prefers })}
                  </Text>
                ) : null}
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      );
    case 'responses':
      return <Responses items={block.items} />;
  }
}

export function SectionView({ section }: { section: Section }) {
  const { t } = useTranslation('reports');
  return (
    <Card component="section" withBorder padding="lg" aria-labelledby={`section-${section.key}`}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.08em' }}>
        {t('blocks.section', { n: section.number })}
      </Text>
      <Title order={2} fz="h3" id={`section-${section.key}`}>
        {section.title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {section.lead}
      </Text>
      <Stack gap="sm">
        {section.blocks.map((b, i) => (
          <BlockView key={i} block={b} />
        ))}
      </Stack>
    </Card>
  );
}
