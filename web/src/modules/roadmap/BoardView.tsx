/**
 * The roadmap board: a column per quarter (eight, four to a row), initiatives as cards. A card is moved to another
 * quarter by dragging it, or from the keyboard: focus its handle, Space to lift it, the arrow
 * keys to go from quarter to quarter, Space to drop it (Escape to cancel). Filters by seat and kind.
 */
import { Badge, Card, Chip, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DndContext, KeyboardCode, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent, type KeyboardCoordinateGetter } from '@dnd-kit/core';
import { IconGripVertical } from '@tabler/icons-react';
import type { InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { KINDS, SEATS } from '@schema/roadmap';
import { useState } from 'react';
import { Money } from '../../components/Money';
import { StatusBadge } from './ui';

/**
 * Arrow keys move a lifted card from the column it is over to the next (right, down) or the
 * previous (left, up) quarter, in the board's order; the card lands at the top of that column.
 */
const columnKeys: KeyboardCoordinateGetter = (event, { context }) => {
  const { active, droppableRects, droppableContainers, collisionRect } = context;
  if (!active || !collisionRect) return undefined;
  const forward = [String(KeyboardCode.Right), String(KeyboardCode.Down)].includes(event.code);
  const back = [String(KeyboardCode.Left), String(KeyboardCode.Up)].includes(event.code);
  if (!forward && !back) return undefined;
  event.preventDefault();
  const columns = droppableContainers
    .getEnabled()
    .map((c) => ({ id: c.id, rect: droppableRects.get(c.id) }))
    .filter((c): c is { id: typeof c.id; rect: NonNullable<typeof c.rect> } => !!c.rect)
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const x = collisionRect.left + collisionRect.width / 2;
  const y = collisionRect.top + Math.min(collisionRect.height / 2, 20);
  const here = columns.findIndex((c) => x >= c.rect.left && x <= c.rect.left + c.rect.width && y >= c.rect.top && y <= c.rect.top + c.rect.height);
  const next = columns[Math.min(columns.length - 1, Math.max(0, (here < 0 ? 0 : here) + (forward ? 1 : -1)))];
  if (!next) return undefined;
  return { x: next.rect.left + (next.rect.width - collisionRect.width) / 2, y: next.rect.top + 36 };
};

function InitiativeCard({ item, currency, canMove, onOpen }: { item: InitiativeOut; currency: string; canMove: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation('roadmap');
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: item.id, disabled: !canMove, data: { quarter: item.targetQuarter } });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10 } : undefined;
  return (
    <Card ref={setNodeRef} withBorder padding="xs" shadow={isDragging ? 'md' : undefined} style={style} aria-label={t('board.card', { ref: item.ref, title: item.title })}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        {canMove ? (
          <UnstyledButton {...listeners} {...attributes} aria-label={t('board.move', { ref: item.ref, title: item.title })} style={{ cursor: 'grab', paddingTop: 2 }}>
            <IconGripVertical size={16} color="var(--mantine-color-gray-6)" />
          </UnstyledButton>
        ) : null}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <UnstyledButton onClick={() => onOpen(item.id)}>
            <Text size="sm" fw={600} lineClamp={2}>
              {item.ref} {item.title}
            </Text>
          </UnstyledButton>
          <Group gap={4}>
            <Badge size="xs" variant="outline">
              {item.ownerSeat}
            </Badge>
            <Badge size="xs" variant="light" color="gray">
              {t(`kind.${item.kind}`)}
            </Badge>
            <StatusBadge status={item.status} />
          </Group>
          <Group gap={6} justify="space-between">
            <Text size="xs" c="dimmed">
              <Money amount={item.oneTimeCost} currency={currency} size="xs" /> {t('board.once')}
            </Text>
            {item.riskReduction && item.riskReduction.mean > 0 ? (
              <Text size="xs" c="teal.8">
                −<Money amount={item.riskReduction.mean} currency={currency} size="xs" compact /> {t('board.riskYear')}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}

function QuarterColumn({ quarter, items, currency, canMove, onOpen, current }: { quarter: { key: string; label: string }; items: InitiativeOut[]; currency: string; canMove: (i: InitiativeOut) => boolean; onOpen: (id: string) => void; current: boolean }) {
  const { t } = useTranslation('roadmap');
  const { setNodeRef, isOver } = useDroppable({ id: quarter.key });
  return (
    <Card ref={setNodeRef} withBorder padding="sm" bg={isOver ? 'blue.0' : current ? 'gray.0' : undefined} style={{ minHeight: 240 }} role="region" aria-label={t('board.column', { quarter: quarter.label })}>
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="sm">
          {quarter.label}
          {current ? t('board.now') : ''}
        </Title>
        <Text size="xs" c="dimmed">
          <Money amount={items.reduce((s, i) => s + i.oneTimeCost, 0)} currency={currency} size="xs" compact />
        </Text>
      </Group>
      <Stack gap="xs">
        {items.map((i) => (
          <InitiativeCard key={i.id} item={i} currency={currency} canMove={canMove(i)} onOpen={onOpen} />
        ))}
        {items.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('board.nothing')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function BoardView({ roadmap, onMove, onOpen }: { roadmap: RoadmapOut; onMove: (id: string, quarter: string) => void; onOpen: (id: string) => void }) {
  const { t } = useTranslation('roadmap');
  const [seats, setSeats] = useState<string[]>([...SEATS]);
  const [kinds, setKinds] = useState<string[]>([...KINDS]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: columnKeys, scrollBehavior: 'auto' }));
  const keys = new Set(roadmap.quarters.map((q) => q.key));
  const shown = roadmap.initiatives.filter((i) => i.status !== 'dropped' && seats.includes(i.ownerSeat) && kinds.includes(i.kind));
  const earlier = shown.filter((i) => !keys.has(i.targetQuarter) && i.targetQuarter < roadmap.quarters[0]!.key && i.status !== 'done');
  const onDragEnd = (e: DragEndEvent) => {
    const to = e.over?.id;
    const item = roadmap.initiatives.find((i) => i.id === e.active.id);
    if (typeof to === 'string' && item && item.targetQuarter !== to) onMove(item.id, to);
  };
  return (
    <Stack gap="md">
      <Group gap="lg">
        <Group gap={6} role="group" aria-label={t('board.filterSeat')}>
          <Text size="sm" fw={600}>
            {t('board.seat')}
          </Text>
          <Chip.Group multiple value={seats} onChange={setSeats}>
            {SEATS.map((s) => (
              <Chip key={s} value={s} size="xs">
                {s}
              </Chip>
            ))}
          </Chip.Group>
        </Group>
        <Group gap={6} role="group" aria-label={t('board.filterKind')}>
          <Text size="sm" fw={600}>
            {t('board.kind')}
          </Text>
          <Chip.Group multiple value={kinds} onChange={setKinds}>
            {KINDS.map((k) => (
              <Chip key={k} value={k} size="xs">
                {t(`kind.${k}`)}
              </Chip>
            ))}
          </Chip.Group>
        </Group>
      </Group>
      {earlier.length > 0 ? (
        <Text size="sm" c="orange.8">
          {t('board.past', { count: earlier.length, list: earlier.map((i) => `${i.ref} ${i.title}`).join(', ') })}
        </Text>
      ) : null}
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ screenReaderInstructions: { draggable: t('board.instructions') } }}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {roadmap.quarters.map((q) => (
              <QuarterColumn
                key={q.key}
                quarter={q}
                current={q.key === roadmap.currentQuarter}
                items={shown.filter((i) => i.targetQuarter === q.key && (i.status !== 'done' || q.key >= roadmap.currentQuarter))}
                currency={roadmap.currency}
                canMove={(i) => i.can.edit && i.status !== 'done'}
                onOpen={onOpen}
              />
            ))}
        </SimpleGrid>
      </DndContext>
    </Stack>
  );
}
