import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ForbiddenPage } from './pages/forbidden.js';
import { HomeRedirect } from './home-redirect.js';
import { NotFoundPage } from './pages/not-found.js';
import { SetupPage } from './pages/setup.js';
import { SignInPage } from './pages/sign-in.js';
import { RequireAgent } from './require-agent.js';
import { CONSOLE_SCREENS } from './screens.js';
import { Shell } from './shell.js';
import { useMe } from '../auth/session.js';
import { Loading } from '../ui/loading.js';
import { mayOpen, type ConsoleScreen } from './screens.js';

function Guarded({ screen }: { screen: ConsoleScreen }) {
  const me = useMe();
  if (screen.permission && !mayOpen(me, screen))
    return <ForbiddenPage permission={screen.permission} otherwise={screen.allow?.otherwise} />;
  return (
    <Suspense fallback={<Loading label="Opening…" />}>
      <screen.Component />
    </Suspense>
  );
}

/** The console's routes: sign-in and first run outside the shell, every screen inside it. */
export function ConsoleApp() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route element={<RequireAgent />}>
        <Route element={<Shell />}>
          <Route index element={<HomeRedirect />} />
          {CONSOLE_SCREENS.map((screen) => (
            <Route key={screen.path} path={screen.path} element={<Guarded screen={screen} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
