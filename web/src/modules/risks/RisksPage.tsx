/** The risk register of a client: register, curve, heat map, top risks, security options, appetite. */
import { Button, Group } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { Outlet, Route, Routes, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { useCurrentClient } from '../../layout/client-context';
import { AppetitePage } from './AppetitePage';
import { CurvePage } from './CurvePage';
import { HeatmapPage } from './HeatmapPage';
import { InsurancePage } from './InsurancePage';
import { NewScenarioPage } from './NewScenarioPage';
import { OptionsPage } from './OptionsPage';
import { RegisterPage } from './RegisterPage';
import { ScenarioPage } from './ScenarioPage';
import { TopRisksPage } from './TopRisksPage';

const TABS = [
  { value: 'register', label: 'Register' },
  { value: 'curve', label: 'Loss exceedance' },
  { value: 'heatmap', label: 'Heat map' },
  { value: 'top', label: 'Top risks' },
  { value: 'options', label: 'Security options' },
  { value: 'insurance', label: 'Insurance' },
  { value: 'appetite', label: 'Appetite & settings' },
];

function RegisterViews() {
  const { client, clientId, can, href } = useCurrentClient();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Risk register"
        documentTitle={`Risk register · ${client.name}`}
        description="Risk scenarios in money: how often they happen and what they cost, simulated year by year, against the client’s risk appetite."
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={`/api/clients/${encodeURIComponent(clientId)}/risks/export?format=yaml&download=1`}>
              Export model file
            </Button>
            {can('risks.propose') ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate(href('risks/new'))}>
                {can('risks.edit') ? 'New scenario' : 'Propose a scenario'}
              </Button>
            ) : null}
          </Group>
        }
      />
      <RouteTabs base="risks" tabs={TABS} />
      <Outlet />
    </>
  );
}

export default function RisksPage() {
  return (
    <Routes>
      <Route path="new" element={<NewScenarioPage />} />
      <Route element={<RegisterViews />}>
        <Route index element={<RegisterPage />} />
        <Route path="curve" element={<CurvePage />} />
        <Route path="heatmap" element={<HeatmapPage />} />
        <Route path="top" element={<TopRisksPage />} />
        <Route path="options" element={<OptionsPage />} />
        <Route path="insurance" element={<InsurancePage />} />
        <Route path="appetite" element={<AppetitePage />} />
      </Route>
      <Route path=":riskId" element={<ScenarioPage />} />
    </Routes>
  );
}
