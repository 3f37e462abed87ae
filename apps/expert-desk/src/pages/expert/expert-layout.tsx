import { Outlet } from 'react-router-dom';
import { AppLayout } from '../../components/app-layout';
import { ArrivalToasts } from './arrival-toasts';
import { AvailabilityToggle } from './availability-toggle';
import { ExpertLiveProvider, useExpertLive } from './expert-live-context';

export function ExpertLayout() {
  return (
    <ExpertLiveProvider>
      <ExpertShell />
    </ExpertLiveProvider>
  );
}

function ExpertShell() {
  const live = useExpertLive();
  const waiting = live.queue.filter((o) => o.status === 'paid').length;
  return (
    <AppLayout
      area="Espace expert"
      nav={[
        { to: '/file', label: 'Ma file', badge: waiting },
        { to: '/seances', label: 'Mes séances' },
      ]}
      tools={
        <>
          <AvailabilityToggle />
          <label className="switch" title="Jouer un son à l’arrivée d’une commande">
            <input
              type="checkbox"
              checked={live.soundOn}
              onChange={(e) => live.setSoundOn(e.currentTarget.checked)}
              data-testid="sound-toggle"
            />
            <span>Son</span>
          </label>
        </>
      }
    >
      <ArrivalToasts />
      <Outlet />
    </AppLayout>
  );
}
