import { Outlet } from 'react-router-dom';
import { AppLayout } from '../../components/app-layout';

export function AdminLayout() {
  return (
    <AppLayout
      area="Administration"
      nav={[
        { to: '/admin/commandes', label: 'Commandes' },
        { to: '/admin/paiements', label: 'Paiements' },
        { to: '/admin/catalogue', label: 'Catalogue' },
        { to: '/admin/experts', label: 'Experts' },
        { to: '/admin/emails', label: 'E-mails' },
        { to: '/admin/anomalies', label: 'Anomalies' },
      ]}
    >
      <Outlet />
    </AppLayout>
  );
}
