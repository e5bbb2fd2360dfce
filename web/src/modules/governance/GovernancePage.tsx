/** Governance of a client: seats and charter, decisions, risk acceptances, concerns, settings. */
import { RequirePermission } from '../../components/RequirePermission';
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

const TABS = [
  { value: 'overview', label: 'Seats & checks' },
  { value: 'decisions', label: 'Decisions' },
  { value: 'acceptances', label: 'Risk acceptances' },
  { value: 'concerns', label: 'Concerns' },
  { value: 'settings', label: 'Settings' },
];

function GovernanceViews() {
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Governance"
        documentTitle={`Governance · ${client.name}`}
        description="Who holds the CIO, CTO and CISO seats and what each covers; the decisions they take, where they disagree, and the risks accepted on whose authority."
      />
      <RouteTabs base="governance" tabs={TABS} />
      <Outlet />
    </>
  );
}

export default function GovernancePage() {
  return (
    <Routes>
      <Route path="decisions/new" element={<RequirePermission permission="governance.edit" back={{ label: 'Back to the decisions', path: 'governance/decisions' }}><NewDecisionPage /></RequirePermission>} />
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
