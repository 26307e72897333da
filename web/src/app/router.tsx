import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { HomeGate, PASSWORD_PATH, RequireAction, RequireAuth } from './guards';
import { NotFoundResult } from './results';
import type { Me } from './types';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const HomePage = lazy(() => import('../features/home/HomePage'));
const WorkersPage = lazy(() => import('../features/workers/WorkersPage'));
const WorkerDetailPage = lazy(() => import('../features/workers/WorkerDetailPage'));
const MyProfilePage = lazy(() => import('../features/workers/MyProfilePage'));
const ImportsPage = lazy(() => import('../features/imports/ImportsPage'));
const OrganisationsPage = lazy(() => import('../features/organisations/OrganisationsPage'));
const OrganisationDetailPage = lazy(() => import('../features/organisations/OrganisationDetailPage'));
const OccupationsPage = lazy(() => import('../features/reference/OccupationsPage'));
const CatalogsPage = lazy(() => import('../features/catalogs/CatalogsPage'));
const CatalogDetailPage = lazy(() => import('../features/catalogs/CatalogDetailPage'));
const PublicCatalogsPage = lazy(() => import('../features/catalogs/PublicCatalogsPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const ChangePasswordPage = lazy(() => import('../features/account/ChangePasswordPage'));
const ClassesPage = lazy(() => import('../features/classes/ClassesPage'));
const ClassFormPage = lazy(() => import('../features/classes/ClassFormPage'));
const ClassDetailPage = lazy(() => import('../features/classes/ClassDetailPage'));
const QrDisplayPage = lazy(() => import('../features/classes/QrDisplayPage'));
const ConfirmationsPage = lazy(() => import('../features/classes/ConfirmationsPage'));
const CertificatesPage = lazy(() => import('../features/certificates/CertificatesPage'));
const VerifyPage = lazy(() => import('../features/certificates/VerifyPage'));
const MyClassesPage = lazy(() => import('../features/portal/MyClassesPage'));
const MyCertificatesPage = lazy(() => import('../features/portal/MyCertificatesPage'));
const ScanPage = lazy(() => import('../features/portal/ScanPage'));
const ClaimsPage = lazy(() => import('../features/claims/ClaimsPage'));
const ClaimDetailPage = lazy(() => import('../features/claims/ClaimDetailPage'));
const WhatIfPage = lazy(() => import('../features/claims/WhatIfPage'));
const BatchesPage = lazy(() => import('../features/finance/BatchesPage'));
const FundsPage = lazy(() => import('../features/finance/FundsPage'));
const LedgerPage = lazy(() => import('../features/finance/LedgerPage'));
const PublicAnnouncementsPage = lazy(() => import('../features/announcements/PublicAnnouncementsPage'));
const PublicAnnouncementPage = lazy(() => import('../features/announcements/PublicAnnouncementPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const TargetsPage = lazy(() => import('../features/reports/TargetsPage'));
const EmploymentPage = lazy(() => import('../features/reports/EmploymentPage'));
const PublicHomePage = lazy(() => import('../features/publicSite/PublicHomePage'));
const DisclosurePage = lazy(() => import('../features/publicSite/DisclosurePage'));
const BlacklistPage = lazy(() => import('../features/publicSite/BlacklistPage'));

const isWorker = (me: Me) => me.role === 'worker';
const isCityOffice = (me: Me) => me.role === 'city_office';

/** A capability page: 403 without the action. */
const guard = (action: string, element: ReactNode) => <RequireAction action={action}>{element}</RequireAction>;
/** A city-level resource page: 404 without the action, as the API answers. */
const cityOnly = (action: string, element: ReactNode) => (
  <RequireAction action={action} denied="notFound">
    {element}
  </RequireAction>
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // 培训目录公示: public, no sign-in and no signed-in layout (§12).
  { path: '/public/catalogs', element: <PublicCatalogsPage /> },
  // 补贴公示: claims under public announcement, with the objection form (§17); no sign-in.
  { path: '/public/announcements', element: <PublicAnnouncementsPage /> },
  { path: '/public/announcements/:id', element: <PublicAnnouncementPage /> },
  // 信息公开 (§17): task completion and fund use from approved reports, and the blacklist; no sign-in.
  { path: '/public', element: <PublicHomePage /> },
  { path: '/public/disclosure', element: <DisclosurePage /> },
  { path: '/public/blacklist', element: <BlacklistPage /> },
  // 证书查验: public; /verify/:token is the target of a certificate's QR code.
  { path: '/verify', element: <VerifyPage /> },
  { path: '/verify/:token', element: <VerifyPage /> },
  {
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    children: [
      // The classroom projector's QR screen: signed in, full screen, without the menu.
      {
        path: 'classes/:id/sessions/:sessionId/qr',
        element: guard('attendance.manage', <QrDisplayPage />),
      },
      {
        element: <AppLayout />,
        children: [
          {
            index: true,
            element: (
              <HomeGate>
                <HomePage />
              </HomeGate>
            ),
          },
          {
            path: 'me',
            element: (
              <RequireAction check={(me) => me.role === 'worker'}>
                <MyProfilePage />
              </RequireAction>
            ),
          },
          { path: 'me/classes', element: <RequireAction check={isWorker}>{<MyClassesPage />}</RequireAction> },
          { path: 'me/certificates', element: <RequireAction check={isWorker}>{<MyCertificatesPage />}</RequireAction> },
          { path: 'scan', element: guard('attendance.scan', <ScanPage />) },
          { path: 'workers', element: guard('worker.read', <WorkersPage />) },
          { path: 'workers/:id', element: guard('worker.read', <WorkerDetailPage />) },
          { path: 'imports', element: guard('worker.import', <ImportsPage />) },
          { path: 'institutions', element: guard('org.read', <OrganisationsPage key="institution" kind="institution" />) },
          { path: 'enterprises', element: guard('org.read', <OrganisationsPage key="enterprise" kind="enterprise" />) },
          { path: 'organisations/:id', element: guard('org.read', <OrganisationDetailPage />) },
          { path: 'classes', element: guard('class.read', <ClassesPage />) },
          { path: 'classes/new', element: guard('class.file', <ClassFormPage />) },
          { path: 'classes/:id', element: guard('class.read', <ClassDetailPage />) },
          { path: 'classes/:id/edit', element: guard('class.file', <ClassFormPage />) },
          { path: 'attendance/confirmations', element: guard('attendance.confirm', <ConfirmationsPage />) },
          {
            path: 'certificates',
            element: (
              <RequireAction action="certificate.read" check={(me) => me.role !== 'worker'}>
                <CertificatesPage />
              </RequireAction>
            ),
          },
          { path: 'claims', element: guard('claim.read', <ClaimsPage />) },
          // §16 what-if re-pricing: the city office's (the API answers 404 to anyone else).
          {
            path: 'claims/whatif',
            element: (
              <RequireAction action="claim.review" check={isCityOffice} denied="notFound">
                <WhatIfPage />
              </RequireAction>
            ),
          },
          { path: 'claims/:id', element: guard('claim.read', <ClaimDetailPage />) },
          { path: 'finance/batches', element: guard('claim.pay', <BatchesPage />) },
          { path: 'finance/funds', element: guard('ledger.read', <FundsPage />) },
          { path: 'finance/ledger', element: guard('ledger.read', <LedgerPage />) },
          { path: 'dashboard', element: guard('report.read', <DashboardPage />) },
          { path: 'reports', element: guard('report.read', <ReportsPage />) },
          { path: 'targets', element: guard('report.read', <TargetsPage />) },
          { path: 'employment', element: guard('report.read', <EmploymentPage />) },
          { path: 'reference/occupations', element: cityOnly('reference.edit', <OccupationsPage />) },
          { path: 'catalogs', element: cityOnly('catalog.manage', <CatalogsPage />) },
          { path: 'catalogs/:id', element: cityOnly('catalog.manage', <CatalogDetailPage />) },
          { path: 'audit', element: cityOnly('audit.read', <AuditPage />) },
          { path: 'admin/users', element: cityOnly('user.manage', <UsersPage />) },
          { path: PASSWORD_PATH.slice(1), element: <ChangePasswordPage /> },
          { path: '*', element: <NotFoundResult /> },
        ],
      },
    ],
  },
]);
