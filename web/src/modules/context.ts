import { createContext, useContext } from 'react';
import type { ClientModule } from './types';

export const ModuleContext = createContext<ClientModule | null>(null);

/** The registry entry of the module whose page is showing (label, icon, path…). */
export function useModule(): ClientModule {
  const m = useContext(ModuleContext);
  if (!m) throw new Error('useModule() is only available inside a module page');
  return m;
}
