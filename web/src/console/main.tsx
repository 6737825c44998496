import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from '../auth/session.js';
import { RouterBridge } from '../ui/router-bridge.js';
import '../styles/base.css';
import { ConsoleApp } from './console-app.js';

const root = document.getElementById('root');
if (!root) throw new Error('The console page has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <RouterBridge>
        <SessionProvider>
          <ConsoleApp />
        </SessionProvider>
      </RouterBridge>
    </BrowserRouter>
  </StrictMode>,
);
