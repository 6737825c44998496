import { Navigate, Route, Routes } from 'react-router';
import { ColleaguesPage } from './pages/colleagues.js';
import { MyRequestsPage } from './pages/requests/my-requests-page.js';
import { NewRequestPage } from './pages/requests/new-request-page.js';
import { PortalRequestPage } from './pages/requests/portal-request-page.js';
import { PortalSignInPage } from './pages/sign-in.js';
import { PortalShell } from './portal-shell.js';
import { RequirePortalUser } from './require-portal-user.js';

/** The portal's routes (under `/portal`): sign-in outside the frame, the rest inside it. */
export function PortalApp() {
  return (
    <Routes>
      <Route path="/sign-in" element={<PortalSignInPage />} />
      <Route element={<RequirePortalUser />}>
        <Route element={<PortalShell />}>
          <Route index element={<MyRequestsPage />} />
          <Route path="requests/new" element={<NewRequestPage />} />
          <Route path="requests/:requestId" element={<PortalRequestPage />} />
          <Route path="people" element={<ColleaguesPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Route>
    </Routes>
  );
}
