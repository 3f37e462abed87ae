import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context';
import { Layout } from './components/layout';
import { PageLoading } from './components/page-loading';

// Each page is its own chunk: the order page loads only what it needs (budget checked at build).
const HomePage = lazy(() => import('./pages/home-page'));
const CommandeTemple = lazy(() => import('./pages/CommandeTemple'));
const ConfirmationPage = lazy(() => import('./pages/confirmation-page'));
const AccountPage = lazy(() => import('./pages/account-page'));
const SeancePage = lazy(() => import('./pages/seance-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));
const VerifyEmailPage = lazy(() => import('./pages/verify-email-page'));
const PasswordForgotPage = lazy(() => import('./pages/password-forgot-page'));
const PasswordResetPage = lazy(() => import('./pages/password-reset-page'));
const LegalPage = lazy(() => import('./pages/legal-page'));

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Layout>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/commande" element={<CommandeTemple />} />
              <Route path="/confirmation" element={<ConfirmationPage />} />
              <Route path="/compte" element={<AccountPage />} />
              <Route path="/compte/verification" element={<VerifyEmailPage />} />
              <Route path="/mot-de-passe/oublie" element={<PasswordForgotPage />} />
              <Route path="/mot-de-passe/nouveau" element={<PasswordResetPage />} />
              <Route path="/cgv" element={<LegalPage kind="cgv" />} />
              <Route path="/mentions-legales" element={<LegalPage kind="mentions" />} />
              <Route path="/confidentialite" element={<LegalPage kind="confidentialite" />} />
              <Route path="/seance/:orderId" element={<SeancePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </Layout>
      </BrowserRouter>
    </AuthProvider>
  );
}
