import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/auth-context';
import { homePathFor, RequireRole } from './auth/require-role';
import { AdminLayout } from './pages/admin/admin-layout';
import { AdminOrderPage } from './pages/admin/admin-order-page';
import { AdminOrdersPage } from './pages/admin/admin-orders-page';
import { AnomaliesPage } from './pages/admin/anomalies-page';
import { CatalogPage } from './pages/admin/catalog-page';
import { EmailsPage } from './pages/admin/emails-page';
import { ExpertsPage } from './pages/admin/experts-page';
import { PaymentsPage } from './pages/admin/payments-page';
import { ExpertLayout } from './pages/expert/expert-layout';
import { ExpertOrderPage } from './pages/expert/expert-order-page';
import { QueuePage } from './pages/expert/queue-page';
import { SessionsPage } from './pages/expert/sessions-page';
import { LoginPage } from './pages/login-page';
import type { ApiClient } from './services/api';

function Home() {
  const auth = useAuth();
  if (auth.status === 'loading') return <p aria-busy="true">Chargement…</p>;
  if (auth.status === 'anonymous') return <Navigate to="/connexion" replace />;
  return <Navigate to={homePathFor(auth.user.role)} replace />;
}

export function DeskRoutes() {
  return (
    <Routes>
      <Route path="/connexion" element={<LoginPage />} />
      <Route
        element={
          <RequireRole allow="expert">
            <ExpertLayout />
          </RequireRole>
        }
      >
        <Route path="/file" element={<QueuePage />} />
        <Route path="/commandes/:orderId" element={<ExpertOrderPage />} />
        <Route path="/seances" element={<SessionsPage />} />
      </Route>
      <Route
        path="/admin"
        element={
          <RequireRole allow="admin">
            <AdminLayout />
          </RequireRole>
        }
      >
        <Route index element={<Navigate to="/admin/commandes" replace />} />
        <Route path="commandes" element={<AdminOrdersPage />} />
        <Route path="commandes/:orderId" element={<AdminOrderPage />} />
        <Route path="catalogue" element={<CatalogPage />} />
        <Route path="experts" element={<ExpertsPage />} />
        <Route path="paiements" element={<PaymentsPage />} />
        <Route path="emails" element={<EmailsPage />} />
        <Route path="anomalies" element={<AnomaliesPage />} />
      </Route>
      <Route path="*" element={<Home />} />
    </Routes>
  );
}

export function App(props: { api: ApiClient; onExpired?: (listener: () => void) => () => void }) {
  return (
    <AuthProvider api={props.api} onExpired={props.onExpired}>
      <BrowserRouter>
        <DeskRoutes />
      </BrowserRouter>
    </AuthProvider>
  );
}
