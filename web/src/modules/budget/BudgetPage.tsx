/** The IT budget of a client: a fiscal year's plan against actuals, the forecast, actuals and the account map. */
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Route, Routes, useOutletContext } from 'react-router';
import type { YearOut } from '@schema/budget';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { AccountsView } from './AccountsView';
import { ActualsView } from './ActualsView';
import { useBudgetYear } from './api';
import { OverviewView } from './OverviewView';
import { PlanView } from './PlanView';

const TABS = ['forecast', 'plan', 'actuals', 'accounts'] as const;

function Views() {
  const { t } = useTranslation('budget');
  const { client, clientId } = useCurrentClient();
  const [fy, setFy] = useState<number | null>(null);
  const year = useBudgetYear(clientId, fy);
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('title')}
        documentTitle={t('documentTitle', { client: client.name })}
        description={t('description')}
        actions={
          year.data ? (
            <Select aria-label={t('fiscalYear')} data={year.data.years.map((y) => ({ value: String(y.fiscalYear), label: y.label }))} value={String(year.data.fiscalYear)} onChange={(v) => v && setFy(Number(v))} allowDeselect={false} w={120} />
          ) : null
        }
      />
      <RouteTabs base="budget" tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))} />
      {year.isPending ? <PageSkeleton /> : null}
      {year.isError ? <ErrorAlert error={year.error} onRetry={() => void year.refetch()} /> : null}
      {year.data ? <Outlet context={year.data} /> : null}
    </>
  );
}

function Overview() {
  return <OverviewView year={useOutletContext<YearOut>()} />;
}
function Plan() {
  const { clientId } = useCurrentClient();
  return <PlanView clientId={clientId} year={useOutletContext<YearOut>()} />;
}
function Actuals() {
  const { clientId } = useCurrentClient();
  return <ActualsView clientId={clientId} year={useOutletContext<YearOut>()} />;
}
function Accounts() {
  const { clientId, can } = useCurrentClient();
  return <AccountsView clientId={clientId} canEdit={can('budget.actuals')} />;
}

export default function BudgetPage() {
  return (
    <Routes>
      <Route element={<Views />}>
        <Route index element={<Overview />} />
        <Route path="plan" element={<Plan />} />
        <Route path="actuals" element={<Actuals />} />
        <Route path="accounts" element={<Accounts />} />
      </Route>
    </Routes>
  );
}
