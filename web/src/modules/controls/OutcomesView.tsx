/**
 * The outcomes of an assessment, category by category: the categories (with how many are
 * answered) on the left, the chosen one's outcomes on the right, each with its answer, evidence
 * and links to risk.
 */
import { Badge, Grid, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetailOut, OutcomeOut } from '@schema/controls';
import { useSearchParams } from 'react-router';
import { OutcomeCard } from './OutcomeCard';
import { groupTitle } from './ui';

interface Category {
  id: string;
  title: string;
  functionId: string;
  outcomes: OutcomeOut[];
}

/** The categories in catalogue order, under their top-level group. */
function categoriesOf(detail: AssessmentDetailOut): { functionId: string; title: string; categories: Category[] }[] {
  const titles = new Map(detail.groups.map((g) => [g.id, g.title]));
  for (const o of detail.outcomes) titles.set(o.controlId, o.title);
  const out: { functionId: string; title: string; categories: Category[] }[] = [];
  for (const o of detail.outcomes) {
    const catId = o.categoryId ?? o.functionId;
    let fn = out.find((f) => f.functionId === o.functionId);
    if (!fn) {
      fn = { functionId: o.functionId, title: titles.get(o.functionId) ?? o.functionId, categories: [] };
      out.push(fn);
    }
    let cat = fn.categories.find((c) => c.id === catId);
    if (!cat) {
      cat = { id: catId, title: titles.get(catId) ?? catId, functionId: o.functionId, outcomes: [] };
      fn.categories.push(cat);
    }
    cat.outcomes.push(o);
  }
  return out;
}

const answered = (o: OutcomeOut): boolean => o.answer.notApplicable || o.answer.current !== null;

export function OutcomesView({ detail }: { detail: AssessmentDetailOut }) {
  const { t } = useTranslation('controls');
  const [params, setParams] = useSearchParams();
  const tree = categoriesOf(detail);
  const all = tree.flatMap((f) => f.categories);
  const chosen = all.find((c) => c.id === params.get('category')) ?? all.find((c) => c.outcomes.some((o) => o.canAnswer)) ?? all[0];
  const statementOf = new Map(detail.groups.map((g) => [g.id, g.statement]));
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
        <ScrollArea.Autosize mah="75vh" type="auto">
          <nav aria-label={t('outcomes.categories')}>
            {tree.map((f) => (
              <Stack key={f.functionId} gap={0} mb="sm">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" style={{ letterSpacing: '0.05em' }}>
                  {f.functionId === f.title ? f.title : `${groupTitle(f.title)} (${f.functionId})`}
                </Text>
                {f.categories.map((c) => {
                  const done = c.outcomes.filter(answered).length;
                  return (
                    <NavLink
                      key={c.id}
                      active={c.id === chosen?.id}
                      label={c.id === c.title ? c.id : `${c.id} ${c.title}`}
                      onClick={() => setParams({ category: c.id }, { replace: true })}
                      rightSection={
                        <Badge size="xs" variant="light" color={done === c.outcomes.length ? 'teal' : 'gray'}>
                          {done}/{c.outcomes.length}
                        </Badge>
                      }
                    />
                  );
                })}
              </Stack>
            ))}
          </nav>
        </ScrollArea.Autosize>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
        {chosen ? (
          <Stack gap="md">
            <div>
              <Group gap="xs">
                <Title order={2} fz="h3">
                  {chosen.id === chosen.title ? chosen.id : `${chosen.id} ${chosen.title}`}
                </Title>
              </Group>
              {statementOf.get(chosen.id) ? (
                <Text size="sm" c="dimmed">
                  {statementOf.get(chosen.id)}
                </Text>
              ) : null}
            </div>
            {chosen.outcomes.map((o) => (
              <OutcomeCard key={o.controlId} detail={detail} outcome={o} />
            ))}
          </Stack>
        ) : null}
      </Grid.Col>
    </Grid>
  );
}
