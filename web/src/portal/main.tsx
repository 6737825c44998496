import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from '../auth/session.js';
import { RouterBridge } from '../ui/router-bridge.js';
import '../styles/base.css';
import { PortalApp } from './portal-app.js';

const root = document.getElementById('root');
if (!root) throw new Error('The portal page has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter basename="/portal">
      <RouterBridge>
        <SessionProvider>
          <PortalApp />
        </SessionProvider>
      </RouterBridge>
    </BrowserRouter>
  </StrictMode>,
);
