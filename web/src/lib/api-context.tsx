import { createContext, useContext, type ReactNode } from 'react';
import type { ApiCall } from './api.js';

const ApiContext = createContext<ApiCall | null>(null);

/** Makes the app's typed API client available to every screen. */
export function ApiProvider({ call, children }: { call: ApiCall; children: ReactNode }) {
  return <ApiContext.Provider value={call}>{children}</ApiContext.Provider>;
}

/** The typed `call(endpoint, { params, query, body })` of the current app. */
export function useApi(): ApiCall {
  const call = useContext(ApiContext);
  if (!call) throw new Error('useApi() outside <ApiProvider>');
  return call;
}
