/** The risk register of a client: register, curve, heat map, top risks, security options, appetite. */
import { RequirePermission } from '../../components/RequirePermission';
import { Button, Group } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
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

const TABS = ['register', 'curve', 'heatmap', 'top', 'options', 'insurance', 'appetite'] as const;

function RegisterViews() {
  const { client, clientId, can, href } = useCurrentClient();
  const navigate = useNavigate();
  const { t } = useTranslation('risks');
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('title')}
        documentTitle={t('documentTitle', { client: client.name })}
        description={t('description')}
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={`/api/clients/${encodeURIComponent(clientId)}/risks/export?format=yaml&download=1`}>
              {t('exportModel')}
            </Button>
            {can('risks.propose') ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate(href('risks/new'))}>
                {can('risks.edit') ? t('newScenario') : t('proposeScenario')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <RouteTabs base="risks" tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))} />
      <Outlet />
    </>
  );
}

export default function RisksPage() {
  const { t } = useTranslation('risks');
  return (
    <Routes>
      <Route path="new" element={<RequirePermission permission="risks.propose" back={{ label: t('backToRegister'), path: 'risks' }}><NewScenarioPage /></RequirePermission>} />
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
