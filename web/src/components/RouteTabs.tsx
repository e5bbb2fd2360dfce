/**
 * Tabs of a module page that are routes: `<base>` shows the first tab and `<base>/<value>` the
 * others, so each tab has its own address, history entry and link; the tab's page renders in the
 * route's <Outlet />. `children` go at the end of the tab list (a count, a button).
 */
import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentClient } from '../layout/client-context';

export interface RouteTab {
  value: string;
  label: ReactNode;
}

export function RouteTabs({ base, tabs, children }: { base: string; tabs: RouteTab[]; children?: ReactNode }) {
  const { href } = useCurrentClient();
  const navigate = useNavigate();
  const location = useLocation();
  const first = tabs[0]?.value ?? '';
  const rest = location.pathname.split(`/${base}/`)[1]?.split('/')[0] ?? '';
  const current = tabs.some((t) => t.value === rest) ? rest : first;
  return (
    <Tabs value={current} onChange={(v) => void navigate(href(v && v !== first ? `${base}/${v}` : base))} mb="lg" keepMounted={false}>
      <Tabs.List>
        {tabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value}>
            {t.label}
          </Tabs.Tab>
        ))}
        {children}
      </Tabs.List>
    </Tabs>
  );
}
