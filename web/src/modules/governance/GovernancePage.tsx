/** Governance of a client: seats and charter, decisions, risk acceptances, concerns, settings. */
import { RequirePermission } from '../../components/RequirePermission';
import { useTranslation } from 'react-i18next';
import { Outlet, Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { useCurrentClient } from '../../layout/client-context';
import { AcceptancePage } from './AcceptancePage';
import { AcceptancesPage } from './AcceptancesPage';
import { ConcernsPage } from './ConcernsPage';
import { DecisionPage } from './DecisionPage';
import { DecisionsPage } from './DecisionsPage';
import { NewDecisionPage } from './NewDecisionPage';
import { OverviewPage } from './OverviewPage';
import { SettingsPage } from './SettingsPage';

const TABS = ['overview', 'decisions', 'acceptances', 'concerns', 'settings'] as const;

function GovernanceViews() {
  const { t } = useTranslation('governance');
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader eyebrow={client.name} title={t('title')} documentTitle={t('documentTitle', { client: client.name })} description={t('description')} />
      <RouteTabs base="governance" tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))} />
      <Outlet />
    </>
  );
}

export default function GovernancePage() {
  const { t } = useTranslation('governance');
  return (
    <Routes>
      <Route path="decisions/new" element={<RequirePermission permission="governance.edit" back={{ label: t('backToDecisions'), path: 'governance/decisions' }}><NewDecisionPage /></RequirePermission>} />
      <Route path="decisions/:decisionId" element={<DecisionPage />} />
      <Route path="acceptances/:acceptanceId" element={<AcceptancePage />} />
      <Route element={<GovernanceViews />}>
        <Route index element={<OverviewPage />} />
        <Route path="decisions" element={<DecisionsPage />} />
        <Route path="acceptances" element={<AcceptancesPage />} />
        <Route path="concerns" element={<ConcernsPage />} />
        <Route path="settings" element={<SettingsPage />} />
      </Route>
    </Routes>
  );
}
