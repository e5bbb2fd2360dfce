/** Governance of a client: seats and charter, decisions, risk acceptances, concerns, settings. */
import { Tabs } from '@mantine/core';
import { Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
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
  const { client, href } = useCurrentClient();
  const navigate = useNavigate();
  const location = useLocation();
  const rest = location.pathname.split('/governance/')[1]?.split('/')[0] ?? '';
  const tab = TABS.some((t) => t.value === rest) ? rest : 'overview';
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Governance"
        documentTitle={`Governance · ${client.name}`}
        description="Who holds the CIO, CTO and CISO seats and what each covers; the decisions they take, where they disagree, and the risks accepted on whose authority."
      />
      <Tabs value={tab} onChange={(v) => void navigate(href(v && v !== 'overview' ? `governance/${v}` : 'governance'))} mb="lg" keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}

export default function GovernancePage() {
  return (
    <Routes>
      <Route path="decisions/new" element={<NewDecisionPage />} />
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
