import { createRouter, createWebHashHistory } from 'vue-router'

// Hash history: Tauri serves the app from files. Views are grouped by case file
// (views/<case-file>/); the paths stay as they were, the e2e test walks them.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    // 案卷一 专利台账
    { path: '/', name: 'dashboard', component: () => import('./views/ledger/DashboardView.vue') },
    { path: '/ledger', name: 'ledger', component: () => import('./views/ledger/LedgerView.vue') },
    { path: '/patents/:id', name: 'patent', component: () => import('./views/ledger/PatentDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/import', name: 'import', component: () => import('./views/ledger/ImportView.vue') },
    { path: '/decisions', name: 'decisions', component: () => import('./views/ledger/DecisionsView.vue') },
    { path: '/renewals', name: 'renewals', component: () => import('./views/records/RenewalsView.vue') },
    { path: '/records/:kind', name: 'records', component: () => import('./views/records/RecordsView.vue'), props: true },
    // 案卷二 高价值专利布局计划, 案卷三 侵权线索, 案卷四 项目申报
    { path: '/plan', name: 'plan', component: () => import('./views/plan/PlanView.vue') },
    { path: '/plan/:id', name: 'plan-detail', component: () => import('./views/plan/PlanDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/leads', name: 'leads', component: () => import('./views/leads/LeadsView.vue') },
    { path: '/leads/:id', name: 'lead', component: () => import('./views/leads/LeadDetailView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/dossiers', name: 'dossiers', component: () => import('./views/dossiers/DossiersView.vue') },
    { path: '/dossiers/:id', name: 'program', component: () => import('./views/dossiers/ProgramCheckView.vue'), props: true },
    { path: '/dossier/:id', name: 'dossier', component: () => import('./views/dossiers/DossierView.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    // The kernel
    { path: '/company', name: 'company', component: () => import('./views/app/CompanyView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/app/SettingsView.vue') },
    { path: '/holidays', name: 'holidays', component: () => import('./views/app/HolidaysView.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
